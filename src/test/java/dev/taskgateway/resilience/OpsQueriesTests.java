package dev.taskgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard and the Prometheus alert rules shipped in {@code ops/} query only meters,
 * labels and label values that a real scrape of {@code /actuator/prometheus} has: a renamed meter
 * or tag fails here rather than leaving an empty panel or an alert that can never fire. Same
 * gateway as {@link FaultMatrixTests}.
 */
class OpsQueriesTests extends GatewayFaultTestBase {

    private static final Pattern METRIC = Pattern.compile("\\b((?:taskgateway|resilience4j|http_server)_[a-z0-9_]+)");
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-z][a-z0-9_]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Pattern BY = Pattern.compile("\\bby \\(([^)]*)\\)");
    /** Added by Prometheus when it scrapes, never by the gateway. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    @Test
    void everyDashboardAndAlertQueryNamesMetersLabelsAndValuesTheGatewayServes() throws IOException {
        CLOCK.advance(Duration.ofSeconds(30));
        assertThat(call("/tasks").status()).isEqualTo(200);
        call("/tasks");
        Map<String, List<Map<String, String>>> scrape = series(scrapeText());

        Map<String, String> queries = new LinkedHashMap<>();
        queries.putAll(dashboardQueries(Path.of("ops/grafana/task-gateway.json")));
        queries.putAll(alertQueries(Path.of("ops/prometheus/alerts.yml")));

        assertThat(queries).hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        queries.forEach((where, query) -> problems.addAll(check(where, query, scrape)));
        assertThat(problems).as("queries that the scrape cannot answer").isEmpty();
    }

    @Test
    void aRenamedMeterOrLabelIsCaught() {
        Map<String, List<Map<String, String>>> scrape = series(
                "taskgateway_cache_requests_total{result=\"hit\",source=\"a\"} 1.0\n");

        assertThat(check("q", "rate(taskgateway_cache_request_total[5m])", scrape)).hasSize(1);
        assertThat(check("q", "rate(taskgateway_cache_requests_total{origin=\"a\"}[5m])", scrape)).hasSize(1);
        assertThat(check("q", "rate(taskgateway_cache_requests_total{result=\"stale\"}[5m])", scrape)).hasSize(1);
        assertThat(check("q", "sum by (job, origin) (rate(taskgateway_cache_requests_total[5m]))", scrape)).hasSize(1);
        assertThat(check("q", "sum by (job, source) (rate(taskgateway_cache_requests_total{result=\"hit\","
                + " instance=~\"$instance\"}[5m]))", scrape)).isEmpty();
    }

    /** What is wrong with {@code query} against {@code scrape}: unknown meters, labels or exact values. */
    static List<String> check(String where, String query, Map<String, List<Map<String, String>>> scrape) {
        List<String> problems = new ArrayList<>();
        Set<String> metrics = new TreeSet<>();
        Matcher names = METRIC.matcher(query);
        while (names.find()) {
            metrics.add(names.group(1));
        }
        for (String metric : metrics) {
            if (!scrape.containsKey(metric)) {
                problems.add(where + ": no series " + metric);
            }
        }
        Matcher selectors = SELECTOR.matcher(query);
        while (selectors.find()) {
            List<Map<String, String>> series = scrape.getOrDefault(selectors.group(1), List.of());
            Matcher matchers = MATCHER.matcher(selectors.group(2));
            while (matchers.find()) {
                String label = matchers.group(1);
                String value = matchers.group(3);
                if (TARGET_LABELS.contains(label)) {
                    continue;
                }
                if (series.stream().noneMatch(s -> s.containsKey(label))) {
                    problems.add(where + ": " + selectors.group(1) + " has no label " + label);
                } else if (matchers.group(2).equals("=") && !value.contains("$")
                        && series.stream().noneMatch(s -> value.equals(s.get(label)))) {
                    problems.add(where + ": " + selectors.group(1) + " has no " + label + "=\"" + value + "\"");
                }
            }
        }
        Matcher by = BY.matcher(query);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                String name = label.trim();
                if (!TARGET_LABELS.contains(name) && metrics.stream().noneMatch(metric ->
                        scrape.getOrDefault(metric, List.of()).stream().anyMatch(s -> s.containsKey(name)))) {
                    problems.add(where + ": no meter of the query has label " + name);
                }
            }
        }
        return problems;
    }

    /** Prometheus text format: each series' labels by metric name. */
    static Map<String, List<Map<String, String>>> series(String text) {
        Map<String, List<Map<String, String>>> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace > 0 && brace < space ? brace : space);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace > 0 && brace < space) {
                Matcher matcher = MATCHER.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (matcher.find()) {
                    labels.put(matcher.group(1), matcher.group(3));
                }
            }
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(labels);
        }
        return series;
    }

    private static Map<String, String> dashboardQueries(Path file) throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(file));
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel '" + panel.path("title").asString() + "' #" + i++, target.path("expr").asString());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                queries.put("variable " + variable.path("name").asString(),
                        variable.path("query").path("query").asString());
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> alertQueries(Path file) throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(file));
        Map<String, String> queries = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                queries.put("alert " + rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return queries;
    }
}
