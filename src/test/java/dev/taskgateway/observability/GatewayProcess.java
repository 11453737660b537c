package dev.taskgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The gateway in a JVM of its own (this test classpath, {@code TaskGatewayApplication}), for what
 * must not leak into the shared test JVM: its logging configuration is global, so a context booted
 * with JSON console logs in process would turn every later test's log into JSON. Its standard output
 * is kept line by line; standard error goes to a file (JVM warnings are not log lines).
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();

    private GatewayProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::drain, "gateway-process-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the gateway with {@code args} ({@code --key=value}); stderr goes to {@code stderr}. */
    static GatewayProcess start(Path stderr, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.taskgateway.TaskGatewayApplication"));
        command.addAll(args);
        try {
            return new GatewayProcess(new ProcessBuilder(command).redirectError(stderr.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (at most {@code seconds} in all) for a line that {@code matches}; fails when none comes. */
    String await(Predicate<String> matches, long seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (String line : lines) {
            if (matches.test(line)) {
                return line;
            }
        }
        while (true) {
            long left = end - System.nanoTime();
            String line = left <= 0 ? null : fresh.poll(left, TimeUnit.NANOSECONDS);
            assertThat(line).as("%s within %d s; output so far:%n%s", what, seconds, String.join("\n", lines))
                    .isNotNull();
            if (matches.test(line)) {
                return line;
            }
        }
    }

    /** Every line written so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                fresh.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
