package dev.taskgateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that closes a kept-alive connection while it sits in the pool: the next read must not
 * fail because of it (a burst after a quiet spell met twelve dead connections in the bench and
 * opened a breaker, issue 16).
 */
class UpstreamHttpTests {

    private final ClosingServer server = new ClosingServer();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aReadOnAConnectionTheProviderClosedGoesAgainOnAFreshOne() {
        OkHttpClient shared = new OkHttpClient.Builder().connectionPool(new ConnectionPool(4, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false).build();
        UpstreamHttp http = new UpstreamHttp(shared, Duration.ofSeconds(5));
        Request read = new Request.Builder().url(server.url()).get().build();

        assertThat(http.execute(read).status()).isEqualTo(200);
        // The pooled connection is closed on the provider's side now; the read is sent again.
        assertThat(http.execute(read).status()).isEqualTo(200);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.requests()).isEqualTo(2);
    }

    /** Answers one request per connection with a keep-alive answer, then closes the connection. */
    private static final class ClosingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        private final Thread loop;

        ClosingServer() {
            try {
                socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            loop = new Thread(this::serve, "closing-server");
            loop.setDaemon(true);
            loop.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/list";
        }

        int connections() {
            return connections.get();
        }

        int requests() {
            return requests.get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    if (readHead(connection.getInputStream())) {
                        requests.incrementAndGet();
                        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                        OutputStream out = connection.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    }
                } catch (IOException e) {
                    // closed while accepting: the test is over
                }
            }
        }

        /** Reads up to the blank line that ends a request head; false when the connection ended first. */
        private static boolean readHead(InputStream in) throws IOException {
            int matched = 0;
            int b;
            while ((b = in.read()) != -1) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
