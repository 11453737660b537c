package dev.taskgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
}
