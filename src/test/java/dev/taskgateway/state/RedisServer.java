package dev.taskgateway.state;

import dev.taskgateway.DebianTools;
import dev.taskgateway.testing.LoopbackPorts;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, with nothing persisted,
 * started and stopped by the tests. Missing binary: the test fails, saying how to install it
 * ({@code .ci/run} does so on CI).
 */
public final class RedisServer implements AutoCloseable {

    private final String executable;
    private final int port;
    private Process process;

    private RedisServer(String executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    /** A server on a free loopback port, ready to accept connections. */
    public static RedisServer start() {
        RedisServer server = new RedisServer(executable(), LoopbackPorts.unused());
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    /** Kills the server at once (SIGKILL), as a crash would; {@link #startAgain} brings it back, empty. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the server on the same port; returns once it accepts connections. */
    public void startAgain() {
        if (process != null) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        try {
            process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + executable, e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        Process started = process;
        Thread drain = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains("Ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "redis-server-" + port);
        drain.setDaemon(true);
        drain.start();
        try {
            if (!ready.await(20, TimeUnit.SECONDS)) {
                kill();
                throw new IllegalStateException("redis-server did not become ready on port " + port);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** Debian's redis-server, installed when missing and root; the test fails (never skips) without it. */
    private static String executable() {
        return DebianTools.require("redis-server");
    }


    @Override
    public String toString() {
        return "redis-server on 127.0.0.1:" + port + (process == null ? " (stopped)" : "");
    }

}
