package dev.taskgateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses hostile shapes of request before anything else reads them, each with a problem:
 * a query string over the limit (414), a form or multipart body (415: the API takes JSON only),
 * a query string Tomcat cannot decode or with too many parameters (400), and a body over the
 * limit (413, also when sent chunked: the body is read here, at most limit+1 bytes, and handed
 * on from memory), and an Accept header that is no list of media types (406, which Spring could
 * only answer with an empty body). It also reads every header and parameter through Spring Security's firewall,
 * so a value the firewall refuses is refused here, as a 400 problem, rather than when a
 * controller first touches it.
 */
final class RequestLimitsFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final int maxQueryLength;

    RequestLimitsFilter(SecurityProperties.Limits limits) {
        this.maxBodyBytes = limits.getMaxBodySize().toBytes();
        this.maxQueryLength = limits.getMaxQueryLength();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.length() > maxQueryLength) {
            ProblemWriter.write(request, response, 414, "http-414", "URI Too Long",
                    "the query string may be at most " + maxQueryLength + " characters");
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            ProblemWriter.write(request, response, 415, "http-415", "Unsupported Media Type",
                    "request bodies are JSON (Content-Type: application/json)");
            return;
        }
        try {
            MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        } catch (InvalidMediaTypeException e) {
            ProblemWriter.write(request, response, 406, "http-406", "Not Acceptable",
                    "the Accept header is not a list of media types; this API answers application/json");
            return;
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            Collections.list(request.getHeaders(name)); // the firewall checks each value as it is read
        }
        try {
            request.getParameterMap().forEach((name, values) -> { });
        } catch (IllegalStateException | IllegalArgumentException e) {
            ProblemWriter.write(request, response, 400, "malformed-request", "Malformed request",
                    "the query string is not valid: bad percent-encoding or too many parameters");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(request, response);
            return;
        }
        HttpServletRequest forward = request;
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            byte[] body;
            try {
                body = request.getInputStream().readNBytes((int) maxBodyBytes + 1);
            } catch (IOException e) {
                ProblemWriter.write(request, response, 400, "malformed-request", "Malformed request",
                        "the request body could not be read: a malformed chunked encoding, or it ended early");
                return;
            }
            if (body.length > maxBodyBytes) {
                tooLarge(request, response);
                return;
            }
            forward = new BufferedBodyRequest(request, body);
        }
        chain.doFilter(forward, response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemWriter.write(request, response, 413, "http-413", "Content Too Large",
                "the request body may be at most " + maxBodyBytes + " bytes");
    }

    /** The request with its body already read into memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public int read() throws IOException { return in.read(); }
                @Override public int read(byte[] b, int off, int len) throws IOException { return in.read(b, off, len); }
                @Override public boolean isFinished() { return isReady() && available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public int available() { return uncheckedAvailable(in); }
                @Override public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (getCharacterEncoding() != null) {
                    charset = Charset.forName(getCharacterEncoding());
                }
            } catch (IllegalArgumentException e) {
                // an unknown charset from the client: read as UTF-8, as JSON is
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        private static int uncheckedAvailable(InputStream in) {
            try {
                return in.available();
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
