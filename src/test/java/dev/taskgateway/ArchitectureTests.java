package dev.taskgateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package boundaries of STYLE.md, checked on the compiled classes. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.taskgateway");

    @Test
    void coreImportsNoFrameworkAndNoOuterPackage() {
        noClasses().that().resideInAPackage("dev.taskgateway.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "okhttp3..",
                        "tools.jackson..", "com.fasterxml..", "jakarta..", "io.github.resilience4j..",
                        "com.github.benmanes..", "io.micrometer..", "org.slf4j..",
                        "dev.taskgateway.providers..", "dev.taskgateway.api..", "dev.taskgateway.demo..",
                        "dev.taskgateway.system..",
                        "dev.taskgateway.security..", "dev.taskgateway.cache..", "dev.taskgateway.resilience..")
                .check(CLASSES);
    }

    @Test
    void providersNeverImportEachOther() {
        slices().matching("dev.taskgateway.providers.(*)..").should().notDependOnEachOther().check(CLASSES);
    }

    @Test
    void simulatorsShareNoCodeWithTheAdaptersTheyTest() {
        noClasses().that().resideInAPackage("dev.taskgateway.demo..")
                .should().dependOnClassesThat().resideInAPackage("dev.taskgateway.providers..")
                .check(CLASSES);
    }

    @Test
    void providersDoNotReachIntoTheWebLayer() {
        noClasses().that().resideInAPackage("dev.taskgateway.providers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.taskgateway.api..", "dev.taskgateway.security..")
                .check(CLASSES);
    }

    /** The wiring builds the adapters from their declarations; they never see the wiring or its settings. */
    @Test
    void providersDependOnNeitherTheWiringNorTheApi() {
        noClasses().that().resideInAPackage("dev.taskgateway.providers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.taskgateway.system..", "dev.taskgateway.api..")
                .check(CLASSES);
    }

    /** Settings live in system/ (engine-wide) and core.SourceSettings (per source), not in providers/. */
    @Test
    void apiAndResilienceNeverReachIntoProviders() {
        noClasses().that().resideInAnyPackage("dev.taskgateway.api..", "dev.taskgateway.resilience..",
                        "dev.taskgateway.cache..", "dev.taskgateway.changes..")
                .should().dependOnClassesThat().resideInAPackage("dev.taskgateway.providers..")
                .check(CLASSES);
    }

    /**
     * A provider package uses core and the providers toolkit and nothing else of ours (together with
     * {@link #providersNeverImportEachOther}: each provider is one package on core + toolkit).
     * Checked on the test-only fifth provider too, which proves the recipe in docs/architecture.md.
     */
    @Test
    void eachProviderPackageDependsOnlyOnCoreAndTheToolkit() {
        JavaClasses withTestProvider = new ClassFileImporter()
                .importPackages("dev.taskgateway.providers", "dev.taskgateway.providers.minitask");
        ArchRule rule = classes().that().resideInAPackage("dev.taskgateway.providers.(*)..")
                .and().haveSimpleNameNotEndingWith("Tests").and().haveSimpleNameNotEndingWith("Server")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.taskgateway..")
                        .or(resideInAnyPackage("dev.taskgateway.core..", "dev.taskgateway.providers"))
                        .or(resideInAPackage("dev.taskgateway.providers.*..")));
        rule.check(CLASSES);
        rule.check(withTestProvider.that(resideInAPackage("dev.taskgateway.providers.minitask")));
    }

    /**
     * http/ is what every request meets whoever sends it: it knows nothing of who may do what, of
     * the API's resources or of providers. Shortcuts reach the API and security through the
     * {@code Shortcut} beans those packages declare, never the other way round.
     */
    @Test
    void theHttpFrontKnowsNeitherTheApiNorAccessControlNorProviders() {
        noClasses().that().resideInAPackage("dev.taskgateway.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.taskgateway.api..",
                        "dev.taskgateway.security..", "dev.taskgateway.providers..", "dev.taskgateway.changes..")
                .check(CLASSES);
    }

    /** Access control decides who may call; it does not know what the calls do. */
    @Test
    void accessControlDoesNotDependOnTheApi() {
        noClasses().that().resideInAPackage("dev.taskgateway.security..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.taskgateway.api..",
                        "dev.taskgateway.providers..", "dev.taskgateway.changes..")
                .check(CLASSES);
    }

    /** One request-id concern: the header is spelled in http.RequestIds only. */
    @Test
    void theRequestIdHeaderIsSpelledOnce() throws IOException {
        try (var files = Files.walk(Path.of("src/main/java"))) {
            List<String> spelling = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("\"X-Request-Id\""))
                    .map(f -> f.getFileName().toString()).toList();
            assertThat(spelling).containsExactly("RequestIds.java");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
