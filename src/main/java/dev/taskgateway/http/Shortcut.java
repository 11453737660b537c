package dev.taskgateway.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A request the front filter may answer itself, before the security chain, the observation filter
 * and Spring MVC: the few hot requests whose answer is already known (a plain probe, a repeated
 * list whose rendered bytes are still valid). A shortcut answers only when it can answer exactly
 * what the full chain would, including every refusal: anything it is not sure of, it leaves to the
 * chain by answering nothing.
 */
public interface Shortcut {

    /** More parameters than any list query needs: such a request is the chain's. */
    int MAX_PARAMETERS = 32;

    /** Answers {@code request} and returns true; or writes nothing and returns false. */
    boolean answered(HttpServletRequest request, HttpServletResponse response) throws IOException;

    /**
     * True when {@code request} has nothing the firewall, the request limits or CORS would have to
     * judge: no {@code Origin}, no body or content type, every header value printable ASCII, a
     * query string (if any) of at most {@code maxQueryLength} printable ASCII characters without
     * percent-escapes and with at most {@value #MAX_PARAMETERS} parameters. Shortcuts take only
     * such requests: for these, reading the parameters cannot fail, so a shortcut that reads them
     * and then leaves the request to the chain leaves it as it found it (Tomcat parses parameters
     * once; a failed parse seen first by a shortcut would no longer be a failure to the chain).
     */
    static boolean plain(HttpServletRequest request, int maxQueryLength) {
        if (request.getHeader("Origin") != null || request.getContentType() != null
                || request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            return false;
        }
        String query = request.getQueryString();
        if (query != null && (query.length() > maxQueryLength || !plainQuery(query))) {
            return false;
        }
        var names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            var values = request.getHeaders(names.nextElement());
            while (values.hasMoreElements()) {
                if (!printable(values.nextElement())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Printable ASCII without percent-escapes, at most {@link #MAX_PARAMETERS} parameters; one pass. */
    private static boolean plainQuery(String query) {
        int separators = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '%' || c == '&' && ++separators >= MAX_PARAMETERS) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
