package dev.taskgateway.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver. Finds both (or installs them with
 * {@code .ci/ensure-chromium.sh} when root); when they cannot be had the tests FAIL, saying how to
 * install them: CI never skips them silently. Only {@code -Dconsole.browser=skip}, which CI never
 * sets, skips them, visibly.
 */
final class HeadlessChromium {

    private static final Path ENSURE_SCRIPT = Paths.get(".ci", "ensure-chromium.sh");

    private HeadlessChromium() {
    }

    /** True when the build said {@code -Dconsole.browser=skip}. */
    static boolean skipRequested() {
        return "skip".equals(System.getProperty("console.browser"));
    }

    /** Aborts (skips, visibly) the calling test when {@link #skipRequested()}. */
    static void assumeNotSkipped() {
        Assumptions.assumeFalse(skipRequested(), "browser tests skipped on request (-Dconsole.browser=skip)");
    }

    /** A new browser with a fresh profile in {@code profileDir}, its window {@code width} × {@code height}. */
    static ChromeDriver start(Path profileDir, int width, int height) {
        assumeNotSkipped();
        Path chromium = find("console.chromium", "chromium", "chromium-browser")
                .or(() -> installThen("console.chromium", "chromium", "chromium-browser"))
                .orElseGet(() -> fail(missing("chromium")));
        Path driver = find("console.chromedriver", "chromedriver")
                .or(() -> installThen("console.chromedriver", "chromedriver"))
                .orElseGet(() -> fail(missing("chromedriver")));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profileDir.toAbsolutePath(),
                "--window-size=" + width + "," + height);
        // The page's console messages, read back to prove no Content-Security-Policy violation happened.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return browser;
    }

    private static Optional<Path> installThen(String property, String... names) {
        if (System.getProperty(property) != null || !Files.isRegularFile(ENSURE_SCRIPT)) {
            return Optional.empty();
        }
        try {
            Path log = Files.createDirectories(Paths.get("target")).resolve("ensure-chromium.log");
            Process install = new ProcessBuilder("bash", ENSURE_SCRIPT.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (install.waitFor() != 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return find(property, names);
    }

    /** The binary named by the property, else the first of {@code names} on the PATH or in /usr/bin. */
    private static Optional<Path> find(String property, String... names) {
        String given = System.getProperty(property);
        if (given != null) {
            return Optional.of(Paths.get(given)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        return Arrays.stream(names)
                .flatMap(name -> Arrays.stream(path.split(File.pathSeparator)).map(dir -> Paths.get(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String missing(String what) {
        return what + " was not found and could not be installed (see target/ensure-chromium.log). The console's "
                + "browser tests need Debian's Chromium and its driver: run as root "
                + "'apt-get update && apt-get install -y chromium chromium-driver' (or .ci/ensure-chromium.sh), or "
                + "pass -Dconsole.chromium=<path> -Dconsole.chromedriver=<path>. To skip these tests on purpose: "
                + "-Dconsole.browser=skip (CI never does).";
    }
}
