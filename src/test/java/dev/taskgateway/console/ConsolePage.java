package dev.taskgateway.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console as a user sees it, in a real browser: what to click and what to wait for (never a sleep). */
final class ConsolePage {

    /** Generous: the first page load compiles the modules, a source going down waits for retries. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver browser;
    private final String url;
    private final Path screenshots;

    ConsolePage(ChromeDriver browser, int port, Path screenshots) {
        this.browser = browser;
        this.url = "http://127.0.0.1:" + port + "/console/";
        this.screenshots = screenshots;
    }

    ChromeDriver browser() {
        return browser;
    }

    /** Opens the console afresh: no key in this tab, the sign-in form showing. */
    ConsolePage openSignedOut() {
        browser.get(url);
        waitFor(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")),
                ExpectedConditions.visibilityOfElementLocated(By.id("sign-out"))));
        if (byId("sign-out").isDisplayed()) {
            byId("sign-out").click();
        }
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
        return this;
    }

    /** Types the key and presses Enter, as a keyboard user would. */
    ConsolePage signIn(String key) {
        WebElement input = browser.findElement(By.id("key-input"));
        input.sendKeys(key, Keys.ENTER);
        return this;
    }

    /** Signed in with {@code key} and on the view of {@code hash} (e.g. "tasks"). */
    ConsolePage openSignedIn(String key, String hash) {
        openSignedOut().signIn(key);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        return go(hash);
    }

    /** Follows a link of the navigation bar. */
    ConsolePage go(String hash) {
        browser.findElement(By.cssSelector("#nav a[data-view='" + hash + "']")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + hash)));
        if (hash.equals("tasks")) {
            waitFor(ExpectedConditions.textMatches(By.id("tasks-summary"), Pattern.compile("shown")));
        }
        return this;
    }

    WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    /** Waits for {@code condition}; when it never comes, a screenshot of what the page showed instead. */
    <T> T waitFor(ExpectedCondition<T> condition) {
        try {
            // Polling re-renders the sources and stats: an element found a moment ago may be gone.
            return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            throw new TimeoutException("page at timeout: " + screenshot("timed-out"), e);
        }
    }

    /** The text of the element {@code css} finds, read again if a re-render replaced it meanwhile. */
    String text(String css) {
        return waitFor(driver -> driver.findElement(By.cssSelector(css)).getText());
    }

    /** Waits until {@code css} matches exactly {@code count} elements. */
    List<WebElement> waitForCount(String css, int count) {
        return waitFor(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), count));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** Runs {@code js} asynchronously: it calls its last argument with the result. */
    Object asyncScript(String js) {
        return ((JavascriptExecutor) browser).executeAsyncScript(js);
    }

    void checkStatus(String status) {
        WebElement box = browser.findElement(By.cssSelector("#filter-status input[value='" + status + "']"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    void choose(String selectId, String value) {
        new Select(byId(selectId)).selectByValue(value);
    }

    /** Presses Apply and waits until the list answered (its summary names the new count). */
    void applyFilters() {
        script("document.getElementById('tasks-summary').textContent = ''");
        byId("filters-apply").click();
        waitFor(ExpectedConditions.textMatches(By.id("tasks-summary"), Pattern.compile("shown")));
    }

    /** The ids of the rows shown, in order. */
    List<String> rowIds() {
        return all("#tasks-body tr").stream().map(row -> row.getAttribute("data-task")).toList();
    }

    /** Writes {@code name}.png under target/ on every run. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
