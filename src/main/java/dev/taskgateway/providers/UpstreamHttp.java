package dev.taskgateway.providers;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceSettings;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One source's view of the shared OkHttp client: its own call timeout, the same pool. Turns I/O
 * failures and generic HTTP failures into {@link SourceException}s with one-line messages that
 * never carry a URL, header or body.
 */
public final class UpstreamHttp {

    /** Bodies larger than this are refused rather than buffered. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    /** How often a read goes again after meeting a dead pooled connection (each is then dropped). */
    static final int DEAD_CONNECTION_RETRIES = 2;

    private final OkHttpClient client;
    private final Duration timeout;

    /** A view of {@code shared} whose calls each end after {@code timeout}. */
    public UpstreamHttp(OkHttpClient shared, Duration timeout) {
        // The call timeout bounds connect to last byte; OkHttp's own 10 s connect/read/write
        // defaults would otherwise cut a longer configured timeout short.
        this.client = shared.newBuilder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout)
                .writeTimeout(timeout).eventListenerFactory(ConnectionUse::of).build();
        this.timeout = timeout;
    }

    /** The source's base URL joined with {@code path} (which starts with '/'). */
    public static HttpUrl url(SourceSettings settings, String path) {
        String base = settings.baseUrl().toString();
        HttpUrl url = HttpUrl.parse(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
        if (url == null) {
            throw new IllegalStateException("bad URL for source " + settings.id());
        }
        return url;
    }

    /**
     * Sends {@code request} and reads the whole answer, whatever its status.
     *
     * <p>A provider may close a kept-alive connection while it sits in the pool; the next request
     * on it then ends at once, before any answer (end of stream). A {@code GET} or {@code HEAD} that
     * meets such a connection goes again (at most {@value #DEAD_CONNECTION_RETRIES} times; OkHttp drops
     * the dead connection): a burst after a quiet spell would otherwise fail once per pooled
     * connection and could open a healthy provider's breaker (issue 16). Anything else, a reset
     * or timeout included, and every action, is never sent again here.
     */
    public UpstreamResponse execute(Request request) {
        boolean safe = request.method().equals("GET") || request.method().equals("HEAD");
        for (int retries = 0; ; retries++) {
            ConnectionUse use = new ConnectionUse();
            try (Response response = client.newCall(request.newBuilder().tag(ConnectionUse.class, use).build())
                    .execute()) {
                return new UpstreamResponse(response.code(), response.headers(), read(response.body()));
            } catch (InterruptedIOException e) {
                throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT,
                        "no answer in " + describe(timeout), null, e);
            } catch (IOException e) {
                if (!(safe && retries < DEAD_CONNECTION_RETRIES && use.metDeadPooledConnection(e))) {
                    throw new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE,
                            "could not reach the provider (" + e.getClass().getSimpleName() + ")", null, e);
                }
            }
        }
    }

    /** What one call did with its connection: taken from the pool or opened, and whether an answer began. */
    private static final class ConnectionUse extends EventListener {
        private volatile boolean connected;
        private volatile boolean acquired;
        private volatile boolean answerStarted;

        static EventListener of(Call call) {
            ConnectionUse use = call.request().tag(ConnectionUse.class);
            return use == null ? EventListener.NONE : use;
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connected = true;
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            acquired = true;
        }

        @Override
        public void responseHeadersStart(Call call) {
            answerStarted = true;
        }

        /** True when the call ran on a pooled connection that ended before any answer. */
        boolean metDeadPooledConnection(IOException failure) {
            return acquired && !connected && !answerStarted && endOfStream(failure);
        }

        private static boolean endOfStream(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof EOFException) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The failure that a status means for any provider (429, 5xx, 401/403, other 4xx, 3xx), or null
     * for 2xx and the statuses a provider's adapter handles itself.
     */
    public static SourceException failureForStatus(UpstreamResponse response) {
        int status = response.status();
        if (status == 429) {
            return new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "provider is rate limiting (HTTP 429)",
                    response.retryAfterSeconds(), null);
        }
        if (status == 401 || status == 403) {
            return new SourceException(ErrorCode.UPSTREAM_AUTH_FAILED,
                    "provider refused the credentials (HTTP " + status + ")");
        }
        if (status >= 500) {
            return new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "provider failed (HTTP " + status + ")",
                    response.retryAfterSeconds(), null);
        }
        if (status >= 400) {
            return new SourceException(ErrorCode.UPSTREAM_REJECTED, "provider rejected the request (HTTP " + status + ")");
        }
        if (status >= 300) {
            // The shared client never follows redirects: only the configured base URL is ever called.
            return new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "provider answered with a redirect (HTTP "
                    + status + "), which is never followed; check the source's base-url");
        }
        return null;
    }

    private static byte[] read(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        long length = body.contentLength();
        if (length > MAX_BODY_BYTES) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "provider sent a body over 32 MiB");
        }
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "provider sent a body over 32 MiB");
            }
            return bytes;
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
