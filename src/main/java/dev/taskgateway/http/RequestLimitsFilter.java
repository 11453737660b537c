package dev.taskgateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses hostile shapes of request before anything else reads them, each with a problem:
 * a query string over the limit (414), a form or multipart body (415: the API takes JSON only),
 * an Accept header that is no list of media types (406, which Spring could only answer with an
 * empty body), a query string Tomcat cannot decode or with too many parameters (400), and a body
 * over the limit (413, also when sent chunked: the body is read here, at most limit+1 bytes, and
 * handed on from memory). It also reads every header and parameter through Spring Security's
 * firewall, so a value the firewall refuses is refused here, as a 400 problem, rather than when a
 * controller first touches it.
 */
public final class RequestLimitsFilter extends OncePerRequestFilter {

    /** Why a request is refused, as its problem says. */
    private record Refusal(int status, String slug, String title, String detail) {
    }

    private final long maxBodyBytes;
    private final int maxQueryLength;

    /** Refuses bodies over {@code maxBodySize} and query strings over {@code maxQueryLength} characters. */
    public RequestLimitsFilter(DataSize maxBodySize, int maxQueryLength) {
        this.maxBodyBytes = maxBodySize.toBytes();
        this.maxQueryLength = maxQueryLength;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Refusal refusal = checkHead(request);
        HttpServletRequest forward = request;
        if (refusal == null && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null)) {
            byte[] body = readBody(request);
            refusal = body == null ? malformed("the request body could not be read: a malformed chunked "
                    + "encoding, or it ended early") : body.length > maxBodyBytes ? tooLarge() : null;
            forward = body == null ? request : new BufferedBodyRequest(request, body);
        }
        if (refusal != null) {
            ProblemWriter.write(request, response, refusal.status(), refusal.slug(), refusal.title(), refusal.detail());
            return;
        }
        chain.doFilter(forward, response);
    }

    /** The checks that need no body: query, content type, Accept, every header and parameter. */
    private Refusal checkHead(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && query.length() > maxQueryLength) {
            return new Refusal(414, "http-414", "URI Too Long",
                    "the query string may be at most " + maxQueryLength + " characters");
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            return new Refusal(415, "http-415", "Unsupported Media Type",
                    "request bodies are JSON (Content-Type: application/json)");
        }
        try {
            MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        } catch (InvalidMediaTypeException e) {
            return new Refusal(406, "http-406", "Not Acceptable",
                    "the Accept header is not a list of media types; this API answers application/json");
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            Collections.list(request.getHeaders(name)); // the firewall checks each value as it is read
        }
        try {
            request.getParameterMap().forEach((name, values) -> { });
        } catch (IllegalStateException | IllegalArgumentException e) {
            return malformed("the query string is not valid: bad percent-encoding or too many parameters");
        }
        return request.getContentLengthLong() > maxBodyBytes ? tooLarge() : null;
    }

    /** At most limit+1 bytes of the body, or null when it cannot be read. */
    private byte[] readBody(HttpServletRequest request) {
        try {
            return request.getInputStream().readNBytes((int) maxBodyBytes + 1);
        } catch (IOException e) {
            return null;
        }
    }

    private Refusal tooLarge() {
        return new Refusal(413, "http-413", "Content Too Large",
                "the request body may be at most " + maxBodyBytes + " bytes");
    }

    private static Refusal malformed(String detail) {
        return new Refusal(400, "malformed-request", "Malformed request", detail);
    }
}
