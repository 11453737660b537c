package dev.taskgateway.console;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Without a browser the console's tests fail, saying how to get one; only an explicit opt-out skips them. */
class HeadlessChromiumTests {

    @TempDir
    Path profile;

    @AfterEach
    void clearProperties() {
        System.clearProperty("console.chromium");
        System.clearProperty("console.browser");
    }

    @Test
    void aMissingChromiumFailsWithHowToInstallIt() {
        System.setProperty("console.chromium", profile.resolve("no-such-chromium").toString());

        assertThatThrownBy(() -> HeadlessChromium.start(profile, 800, 600))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("chromium was not found")
                .hasMessageContaining("apt-get install -y chromium chromium-driver")
                .hasMessageContaining("-Dconsole.browser=skip");
    }

    @Test
    void onlyTheExplicitOptOutSkips() {
        System.setProperty("console.chromium", profile.resolve("no-such-chromium").toString());
        System.setProperty("console.browser", "skip");

        assertThatThrownBy(() -> HeadlessChromium.start(profile, 800, 600))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("-Dconsole.browser=skip");
    }
}
