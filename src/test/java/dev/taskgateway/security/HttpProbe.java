package dev.taskgateway.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends anything to the gateway: any method, path, headers and body over {@link HttpClient}, or
 * bytes no well-behaved client would send over a plain socket.
 */
final class HttpProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer: status, headers (names lower-case) and body text. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** True when this is an RFC 9457 problem whose status member matches the HTTP status. */
        boolean isProblem() {
            String type = header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                return false;
            }
            try {
                JsonNode problem = json();
                return problem.path("status").asInt() == status
                        && problem.path("type").asString().startsWith("/problems/")
                        && !problem.path("title").asString().isEmpty();
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** Status, headers and body together, for searching and for failure messages. */
        String all() {
            return status + "\n" + headers + "\n" + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    HttpProbe(int port) {
        this.port = port;
    }

    /** {@code method pathAndQuery} with {@code headers} (name, value, name, value...) and {@code body} (or null). */
    Answer send(String method, String pathAndQuery, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), lowerCase(response.headers()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + clip(pathAndQuery), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    /**
     * {@code method target} over a plain socket, for targets {@link URI} refuses ({@code %ZZ}, raw
     * unicode); {@code headers} as for {@link #send}. The connection closes after the answer.
     */
    Answer raw(String method, String target, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return raw(request.append("\r\n").toString());
    }

    /** Writes {@code request} as it is (ISO-8859-1 bytes) on a fresh connection and reads the answer. */
    Answer raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream(), request.startsWith("HEAD "));
        } catch (IOException e) {
            throw new UncheckedIOException("raw request " + clip(request), e);
        }
    }

    private static Answer parse(InputStream in, boolean head) throws IOException {
        int status;
        Map<String, List<String>> headers;
        do { // skip interim answers (100 Continue)
            String statusLine = line(in);
            if (statusLine.isEmpty()) {
                throw new IOException("the connection closed without an answer");
            }
            status = Integer.parseInt(statusLine.split(" ")[1]);
            headers = new TreeMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        } while (status < 200);
        byte[] body;
        List<String> length = headers.get("content-length");
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else if (headers.containsKey("transfer-encoding")) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static Map<String, List<String>> lowerCase(HttpHeaders headers) {
        Map<String, List<String>> map = new TreeMap<>();
        headers.map().forEach((name, values) -> map.put(name.toLowerCase(Locale.ROOT), values));
        return map;
    }

    /** Percent-encodes everything but unreserved characters and ':' (an RFC 3986 path segment). */
    static String segment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && Character.isLetterOrDigit(c) || "-._~:".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
