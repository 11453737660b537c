package dev.taskgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTests {

    @Test
    void portsAreDistinctBindableAndOutsideTheEphemeralRange() throws IOException {
        int[] ephemeral = LoopbackPorts.ephemeralRange();
        int low = ephemeral[0];
        int high = ephemeral[1];
        assertThat(low).isLessThan(high);

        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LoopbackPorts.unused();
            assertThat(port).isBetween(20_000, 65_535);
            assertThat(port < low || port > high).as("port %d outside %d-%d", port, low, high).isTrue();
            assertThat(ports.add(port)).as("handed out twice: %d", port).isTrue();
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
