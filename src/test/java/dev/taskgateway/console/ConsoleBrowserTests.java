package dev.taskgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.TaskGatewayApplication;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.testing.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The console end to end: headless Chromium against a gateway in the demo profile with its own
 * simulators on free ports (one gateway and one browser for the class, to keep it quick). A
 * screenshot of each screen goes to target/console-screenshots/ on every run; docs/console/ holds
 * copies. Waits are on conditions in the page, never sleeps.
 */
class ConsoleBrowserTests {

    /** This test's keys: one with every role, one read-only (given on the command line, they replace the demo key). */
    private static final String KEY = "SECRET-console-operator-key-9b2e";
    private static final String READ_ONLY_KEY = "SECRET-viewer-key-5c1d";
    private static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");

    @TempDir
    static Path profile;

    private static ConfigurableApplicationContext gateway;
    private static ChromeDriver browser;
    private static ConsolePage console;
    private static GatewayClient api;
    private static String tikmatrixSimulator;

    @BeforeAll
    static void startGatewayAndBrowser() throws IOException {
        if (HeadlessChromium.skipRequested()) {
            return; // each test then reports itself skipped
        }
        // The browser first: without it there is nothing to test, and the failure says how to get it.
        browser = HeadlessChromium.start(profile, 1280, 1000);
        gateway = new SpringApplication(TaskGatewayApplication.class).run(arguments());
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        api = new GatewayClient(port, KEY);
        tikmatrixSimulator = gateway.getBeansOfType(SimulatorServer.class).values().stream()
                .filter(s -> s.name().equals("tikmatrix")).findFirst().orElseThrow().baseUrl();
        console = new ConsolePage(browser, port, SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void browserWanted() {
        HeadlessChromium.assumeNotSkipped();
    }

    /** The policy forbids inline script and style: had the console used either, the browser would say so. */
    @AfterEach
    void noContentSecurityPolicyViolation() {
        if (browser == null) {
            return;
        }
        List<String> violations = StreamSupport
                .stream(browser.manage().logs().get(LogType.BROWSER).spliterator(), false)
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
        assertThat(violations).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedWithAClearMessageAndNotKept() {
        console.openSignedOut().signIn("not-the-key");

        WebElement error = console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).contains("refused this API key").contains("401");
        assertThat(console.byId("nav").isDisplayed()).isFalse();
        assertThat(console.script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).doesNotContain("not-the-key");
        console.screenshot("login-refused");
    }

    @Test
    void theKeyOpensTheConsoleWhereEverySourceHasAHealthyCard() {
        console.openSignedIn(KEY, "sources");

        console.waitForCount("#source-cards .card[data-health=ok]", 5);
        // The console polls through the gateway's held reads like any dashboard: a browser that sent
        // "Cache-Control: no-cache" would make every poll read every provider again.
        double hits = cacheHits("llcall");
        for (int i = 0; i < 3; i++) {
            console.byId("sources-refresh").click();
            console.waitFor(driver -> console.byId("sources-refresh").isEnabled());
        }
        assertThat(cacheHits("llcall")).as("refreshes answered from the held read").isGreaterThanOrEqualTo(hits + 2);
        List<String> ids = console.waitFor(driver -> console.all("#source-cards .card").stream()
                .map(card -> card.getAttribute("data-source")).toList());
        assertThat(ids).containsExactlyInAnyOrder("tikmatrix-pc1", "llcall", "nxlink-hk", "nxlink-us", "newapi");
        JsonNode sources = api.get("/sources").json().path("sources");
        for (JsonNode source : sources) {
            String id = source.path("id").asString();
            String budget = console.text("#source-cards .card[data-source='" + id + "'] dd.budget");
            assertThat(budget).as(id).matches(expectedBudget(source.path("budget")));
        }
        for (String id : ids) {
            assertThat(console.text("#source-cards .card[data-source='" + id + "']"))
                    .contains("Healthy").contains("Breaker").contains("CLOSED")
                    .contains("Latency p50 / p95").contains("Budget left").contains("Cache age")
                    .contains("Last success");
        }
        assertThat(console.byId("whoami").getText()).contains("demo").contains("admin, operate, read");
        // The key is in this tab's session storage, sent in a header, and in no URL.
        assertThat(console.script("return Object.values(sessionStorage)")).isEqualTo(List.of(KEY));
        assertThat(browser.getCurrentUrl()).endsWith("/console/#sources");
        console.screenshot("sources");

        // The header links to the OpenAPI pages, which are open.
        String docs = console.byId("api-docs").getAttribute("href");
        assertThat(docs).endsWith("/swagger-ui.html");
        assertThat(api.anonymous(URI.create(docs).getPath()).status()).isIn(200, 302);
    }

    /**
     * A provider budget the gateway reports (GET /sources[].budget) renders in the card: the
     * remaining requests of its limit per period; none reported renders as a dash.
     */
    @Test
    void aBudgetRendersAsRemainingOfItsLimitPerPeriodAndItsAbsenceAsADash() {
        console.openSignedIn(KEY, "sources");

        Object shown = console.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('./sources.js').then((m) => done([
                  m.budget({ limit: 180, periodSeconds: 180, remaining: 172, scope: 'new-api' }).textContent,
                  m.budget({ limit: 180, periodSeconds: 180, remaining: 172, scope: 'x' }).title,
                  m.budget(undefined),
                  m.budget(null)]));""");

        assertThat(shown).isEqualTo(List.of("172 of 180 per 180 s", "shared by: x", "—", "—"));
    }

    /** The pattern of a card's budget: a dash without one; with one, any remaining count (calls spend it). */
    private static String expectedBudget(JsonNode budget) {
        if (budget.isMissingNode() || budget.isNull()) {
            return "—";
        }
        return "\\d+ of " + budget.path("limit").asLong() + " per " + budget.path("periodSeconds").asLong() + " s";
    }

    @Test
    void theConsoleIsUsableFromTheKeyboard() {
        console.openSignedIn(KEY, "sources");
        console.waitForCount("#source-cards .card", 5);
        WebElement skip = browser.findElement(By.cssSelector(".skip"));
        assertThat(browser.executeScript("return document.querySelector('a[href], button, input, select')"))
                .as("the first thing Tab reaches").isEqualTo(skip);

        browser.executeScript("arguments[0].focus()", skip); // where the first Tab on the page lands
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        assertThat(browser.getCurrentUrl()).endsWith("#sources");

        browser.executeScript("arguments[0].focus()", skip);
        WebElement tasksLink = browser.findElement(By.cssSelector("#nav a[data-view='tasks']"));
        for (int i = 0; i < 10 && !tasksLink.equals(browser.switchTo().activeElement()); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement()).as("Tab reaches the Tasks link").isEqualTo(tasksLink);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        console.waitFor(ExpectedConditions.textMatches(By.id("tasks-summary"), Pattern.compile("shown")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tasks-title");
    }

    @Test
    void filteringToFailedShowsOnlyFailedTasksAndLoadMoreContinuesByTheCursor() {
        console.openSignedIn(KEY, "tasks");
        console.checkStatus("FAILED");
        console.applyFilters();

        console.waitForCount("#tasks-body tr", 20);
        console.byId("load-more").click();
        console.waitForCount("#tasks-body tr", 40);

        assertThat(console.all("#tasks-body .badge")).extracting(WebElement::getText).containsOnly("FAILED");
        List<String> shown = console.rowIds();
        assertThat(new HashSet<>(shown)).hasSize(40);
        assertThat(shown).isEqualTo(apiWalk("/tasks?status=FAILED&size=20", 2));
        browser.executeScript("window.scrollTo(0, 0)");
        console.screenshot("tasks");

        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            assertThat(console.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("nothing scrolls sideways at phone width").isEqualTo(true);
            browser.executeScript("document.getElementById('tasks-table').scrollIntoView()");
            console.screenshot("tasks-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void aRunningTikmatrixTaskIsStoppedFromItsDetailWithConfirmationAndAnIdempotencyKey() {
        console.openSignedIn(KEY, "tasks");
        console.choose("filter-provider", "tikmatrix");
        console.checkStatus("RUNNING");
        console.applyFilters();
        WebElement first = console.waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("#tasks-body a")));
        String id = console.rowIds().get(0);
        first.sendKeys(Keys.ENTER);

        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#task-actions button")));
        assertThat(console.byId("task-fields").getText()).contains("RUNNING").contains(id);
        assertThat(console.byId("task-raw").getText()).contains("\"status\"");
        assertThat(console.all("#task-actions button")).extracting(b -> b.getAttribute("data-action"))
                .containsExactlyInAnyOrderElementsOf(strings(api.get("/tasks/" + id).json().path("actions")));
        console.screenshot("task");

        console.byId("task-actions").findElement(By.cssSelector("button[data-action=stop]")).click();
        console.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(console.byId("confirm-text").getText()).contains(id);
        console.screenshot("task-confirm");
        console.byId("confirm-ok").click();

        console.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("action-outcome"), "stop: DONE"));
        console.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("task-fields"), "FAILED"));
        assertThat(api.get("/tasks/" + id).json().path("status").asString()).isEqualTo("FAILED");
        console.screenshot("task-stopped");

        // The key the console sent replays its answer; without it, stopping a stopped task is a conflict.
        String idempotencyKey = console.byId("action-key").getText();
        GatewayClient.Answer replay = api.post("/tasks/" + id + "/stop", "", "Idempotency-Key", idempotencyKey);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("outcome").asString()).isEqualTo("DONE");
        assertThat(api.post("/tasks/" + id + "/stop", "").status()).isEqualTo(409);
    }

    @Test
    void aKeyWithoutTheOperateRoleIsOfferedNoAction() {
        String id = apiWalk("/tasks?provider=tikmatrix&status=RUNNING&size=1", 1).get(0);
        console.openSignedIn(READ_ONLY_KEY, "tasks");
        browser.get(browser.getCurrentUrl().replace("#tasks", "#task/" + id));

        console.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("task-actions"), "no operate role"));
        assertThat(console.all("#task-actions button")).isEmpty();
        assertThat(console.byId("whoami").getText()).contains("viewer").doesNotContain("operate");
    }

    @Test
    void aSourceTurnsRedWhenItsSimulatorIsDownAndRecoversWhenItIsBack() throws Exception {
        console.openSignedIn(KEY, "sources");
        String card = "#source-cards .card[data-source='tikmatrix-pc1']";
        console.waitForCount(card + "[data-health=ok]", 1);

        faults("{\"down\":true}");
        try {
            refreshUntil(card + "[data-health=failing]");
            assertThat(console.text(card)).contains("Failing").contains("last read STALE");
            String border = console.waitFor(driver -> driver.findElement(By.cssSelector(card))
                    .getCssValue("border-top-color"));
            assertThat(border).isEqualTo("rgba(180, 35, 24, 1)");
            assertThat(console.all("#source-cards .card[data-health=ok]")).hasSize(4);
            console.screenshot("sources-failing");
        } finally {
            faults("{\"down\":false}");
        }
        refreshUntil(card + "[data-health=ok]");
        assertThat(console.text(card)).contains("Healthy").contains("CLOSED");
    }

    @Test
    void statsShowCountsByStatusAndSourceAsAChartAndATable() {
        console.openSignedIn(KEY, "stats");

        console.waitForCount("#stats-body tr", 5);
        console.screenshot("stats");
        // A source whose provider budget the other tests spent says RATE_LIMITED, in the API as in the
        // console; the sources that answered both must agree on.
        JsonNode stats = api.get("/tasks/stats").json();
        int compared = 0;
        long sum = 0;
        for (JsonNode source : stats.path("bySource")) {
            String id = source.path("source").asString();
            String row = "#stats-body tr[data-source='" + id + "']";
            String shownTotal = console.text(row + " td.total");
            sum += shownTotal.equals("—") ? 0 : Long.parseLong(shownTotal);
            if (!source.path("state").asString().equals("OK") || !console.text(row).contains("OK")) {
                continue;
            }
            compared++;
            assertThat(shownTotal).as(id).isEqualTo(String.valueOf(source.path("total").asLong()));
            List<String> bars = console.waitFor(driver -> console.all("#stats-chart g[data-source='" + id + "'] rect")
                    .stream().map(bar -> bar.getAttribute("data-status")).toList());
            assertThat(bars).as(id).containsExactlyInAnyOrderElementsOf(nonZero(source.path("byStatus")));
        }
        assertThat(compared).isGreaterThanOrEqualTo(4);
        assertThat(console.text("#stats-total")).isEqualTo(String.valueOf(sum));
    }

    /**
     * As an operator would: "Refresh now" until {@code css} shows. Refreshing reads through the
     * gateway's cache, whose fresh TTL this test shortens for TikMatrix, as it shortens the time
     * its breaker, opened by the outage, waits before letting a trial call through.
     */
    private static void refreshUntil(String css) {
        console.waitFor(driver -> {
            WebElement refresh = console.byId("sources-refresh");
            if (refresh.isEnabled()) {
                refresh.click();
            }
            return console.all(css).size() == 1;
        });
    }

    /** {@code taskgateway_cache_requests_total{result="hit"}} of one source, from the gateway's scrape. */
    private static double cacheHits(String source) {
        String line = "taskgateway_cache_requests_total{result=\"hit\",source=\"" + source + "\"} ";
        return api.get("/actuator/prometheus").body().lines().filter(l -> l.startsWith(line))
                .mapToDouble(l -> Double.parseDouble(l.substring(line.length()))).sum();
    }

    /** The ids of the first {@code pages} pages of a cursor walk, straight from the API. */
    private static List<String> apiWalk(String first, int pages) {
        List<String> ids = new ArrayList<>();
        String next = null;
        for (int i = 0; i < pages; i++) {
            JsonNode body = api.get(next == null ? first : first + "&cursor=" + next).json();
            body.path("items").forEach(task -> ids.add(task.path("id").asString()));
            next = body.path("page").path("next").asString();
        }
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> nonZero(JsonNode counts) {
        List<String> statuses = new ArrayList<>();
        counts.properties().forEach(entry -> {
            if (entry.getValue().asLong() > 0) {
                statuses.add(entry.getKey());
            }
        });
        return statuses;
    }

    private static void faults(String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(tikmatrixSimulator + "/__sim/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    /** The demo profile on free ports, its demo key and a read-only one. */
    private static String[] arguments() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--taskgateway.security.api-keys[0].name=demo", "--taskgateway.security.api-keys[0].key=" + KEY,
                "--taskgateway.security.api-keys[0].roles=read,operate,admin",
                "--taskgateway.security.api-keys[1].name=viewer",
                "--taskgateway.security.api-keys[1].key=" + READ_ONLY_KEY,
                "--taskgateway.security.api-keys[1].roles=read",
                // See refreshUntil: TikMatrix's cache is fresh for 1 s, not 15, and its breaker waits 1 s, not 30.
                "--taskgateway.sources.tikmatrix-pc1.cache.fresh-ttl=1s",
                "--resilience4j.circuitbreaker.instances.tikmatrix-pc1.wait-duration-in-open-state=1s"));
        for (String simulator : List.of("longlonglong", "nxlink", "new-api", "tikmatrix")) {
            arguments.add("--taskgateway.demo.ports." + simulator + "=" + LoopbackPorts.unused());
        }
        return arguments.toArray(String[]::new);
    }
}
