package dev.taskgateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for servers a test starts by number after choosing it (the demo's simulators, a
 * {@code redis-server}, a port nobody listens on).
 *
 * <p>A port from {@code new ServerSocket(0)} comes from the kernel's ephemeral range, the same range
 * every outgoing connection takes its local port from: between closing that socket and the server
 * binding the number, any connection of a test running alongside can take it ("cannot start the
 * tikmatrix simulator on 127.0.0.1:41031"), and a {@code redis-server} killed and started again on
 * its port races every connection made meanwhile. These ports lie outside that range, so only
 * another process choosing at random from the same few thousand could take one; and this JVM
 * never hands out the same one twice. They start at 20000, above the demo's and the bench's fixed ports (18xxx).
 */
public final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A loopback port nobody listens on now, outside the ephemeral range, not handed out before by this JVM. */
    public static int unused() {
        int[] range = range();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(range[0], range[1]);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no unused loopback port in " + range[0] + "-" + (range[1] - 1)
                + " after " + ATTEMPTS + " tries");
    }

    /** [from, to): the larger of the stretches below and above the ephemeral range (Linux's default: 32768-60999). */
    private static int[] range() {
        int[] ephemeral = ephemeralRange();
        int ephemeralLow = ephemeral[0];
        int ephemeralHigh = ephemeral[1];
        int aboveFrom = Math.max(ephemeralHigh + 1, LOWEST);
        return ephemeralLow - LOWEST >= 65_536 - aboveFrom ? new int[] {LOWEST, ephemeralLow}
                : new int[] {aboveFrom, 65_536};
    }

    /**
     * The kernel's ephemeral range, or Linux's default where it cannot be read (not Linux). Read as a
     * stream: procfs reports a size of 0, and {@code Files.readString} on JDK 17 then returns one byte.
     */
    static int[] ephemeralRange() {
        try (InputStream in = Files.newInputStream(EPHEMERAL_RANGE)) {
            String[] bounds = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999};
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
