package dev.taskgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 1's floor for a JVM (bench/README.md): the pages an uncached {@code /tasks} reads,
 * fetched all at once with OkHttp from the simulators and each parsed into a Jackson tree whose
 * items are written back to bytes (what every provider adapter does before mapping), and nothing
 * else: no mapping, budgets, breakers, metrics or merging. What the gateway takes beyond this is
 * its own work; what this takes beyond the slowest page alone is the machine's (2 cores shared
 * with the simulators).
 *
 * <p>Usage (the stack app's jar): {@code java -cp bench-stack-app-0.jar
 * -Dloader.main=dev.taskgateway.bench.FanOutFloor org.springframework.boot.loader.launch.PropertiesLauncher
 * <pages file> <warm-up rounds> <rounds> <gap s> [tree|tokens]}: {@code tokens} only walks each
 * page's tokens with Jackson's streaming parser (no tree, nothing written: the least any JSON
 * reader can do). The file has one request a line: the URL, then
 * {@code Name: value} headers, tab-separated; a URL marked with a leading {@code !} is asked in the
 * timed rounds only (new-api's, whose budget the simulator enforces). Prints one JSON object. Loopback only; bounded by its
 * round counts.
 */
public final class FanOutFloor {

    private FanOutFloor() {
    }

    public static void main(String[] args) throws Exception {
        List<Request> pages = pages(Path.of(args[0]), true);
        List<Request> warmUpPages = pages(Path.of(args[0]), false);
        int warmUp = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long gapMillis = Math.round(Double.parseDouble(args[3]) * 1000);
        boolean tokensOnly = args.length > 4 && args[4].equals("tokens");
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(pages.size(), 25, TimeUnit.SECONDS)).build();
        ObjectMapper mapper = JsonMapper.builder().build();
        ExecutorService pool = Executors.newFixedThreadPool(pages.size());
        List<Double> millis = new ArrayList<>();
        long bytes = 0;
        for (int round = 0; round < warmUp + rounds; round++) {
            long start = System.nanoTime();
            List<Future<Integer>> reads = new ArrayList<>();
            for (Request page : round >= warmUp ? pages : warmUpPages) {
                reads.add(pool.submit(() -> read(client, mapper, page, tokensOnly)));
            }
            bytes = 0;
            for (Future<Integer> read : reads) {
                bytes += read.get(30, TimeUnit.SECONDS);
            }
            if (round >= warmUp) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Thread.sleep(round >= warmUp ? gapMillis : gapMillis / 3);
        }
        Collections.sort(millis);
        System.out.printf("{\"mode\": \"%s\", \"pages\": %d, \"bytesPerRound\": %d, \"rounds\": %d, \"medianMs\": %.1f, \"minMs\": %.1f, \"maxMs\": %.1f}%n",
                tokensOnly ? "tokens" : "tree", pages.size(), bytes, millis.size(), millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1));
        pool.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** One page: read whole, parsed into a tree, each object of each array written back to bytes. */
    private static int read(OkHttpClient client, ObjectMapper mapper, Request page, boolean tokensOnly)
            throws IOException {
        try (Response response = client.newCall(page).execute()) {
            if (response.code() != 200) {
                throw new IOException(page.url() + " answered " + response.code());
            }
            byte[] body = response.body().bytes();
            if (tokensOnly) {
                int tokens = 0;
                try (JsonParser parser = mapper.createParser(body)) {
                    while (parser.nextToken() != null) {
                        tokens++;
                    }
                }
                return body.length + tokens;
            }
            return body.length + writeItems(mapper.readTree(body), mapper);
        }
    }

    private static int writeItems(JsonNode node, ObjectMapper mapper) {
        int written = 0;
        if (node.isArray()) {
            for (JsonNode element : node) {
                written += element.isObject() ? mapper.writeValueAsBytes(element).length : writeItems(element, mapper);
            }
        } else if (node.isObject()) {
            for (JsonNode value : node.values()) {
                written += writeItems(value, mapper);
            }
        }
        return written;
    }

    /** The file's requests; without {@code timed}, only those not marked timed-only. */
    private static List<Request> pages(Path file, boolean timed) throws IOException {
        List<Request> pages = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || !timed && line.startsWith("!")) {
                continue;
            }
            String[] parts = line.split("\t");
            Request.Builder request = new Request.Builder().url(parts[0].startsWith("!") ? parts[0].substring(1) : parts[0]);
            for (int i = 1; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                request.header(parts[i].substring(0, colon).trim(), parts[i].substring(colon + 1).trim());
            }
            pages.add(request.build());
        }
        return pages;
    }
}
