package dev.taskgateway.http;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * Names what the firewall refused, where the API has a name for it: the path id ({@code id},
 * {@code action}, {@code source}), a query parameter or a header whose value has a control, format
 * or line/paragraph separator character. Only names are echoed (ours, or a header name clipped to
 * a printable token), never the values.
 */
public final class RejectedParts {

    private static final Pattern TASK_PATH = Pattern.compile("/tasks/([^/]+)(?:/([^/]+))?");
    private static final Pattern SOURCE_PATH = Pattern.compile("/sources/([^/]+)/tasks(?::retryFailed)?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{1,60}");
    private static final String MESSAGE = "must not contain control, format or line/paragraph separator characters";

    private RejectedParts() {
    }

    /** One {@code {field, message}} per refused part found; empty when none can be named. */
    public static List<Map<String, String>> errors(HttpServletRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        path(request.getRequestURI(), errors);
        query(request.getQueryString(), errors);
        for (String name : Collections.list(request.getHeaderNames())) {
            boolean bad = Collections.list(request.getHeaders(name)).stream().anyMatch(RejectedParts::unprintable);
            if (bad && TOKEN.matcher(name).matches()) {
                errors.add(error(name));
            }
        }
        return errors;
    }

    private static void path(String uri, List<Map<String, String>> errors) {
        if (uri == null) {
            return;
        }
        Matcher task = TASK_PATH.matcher(uri);
        Matcher source = SOURCE_PATH.matcher(uri);
        if (task.matches() && !uri.startsWith("/tasks/stats")) {
            check("id", task.group(1), errors);
            check("action", task.group(2), errors);
        } else if (source.matches()) {
            check("source", source.group(1), errors);
        }
    }

    private static void query(String query, List<Map<String, String>> errors) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name != null && TOKEN.matcher(name).matches() && equals >= 0) {
                check(name, pair.substring(equals + 1), errors);
            }
        }
    }

    private static void check(String field, String encoded, List<Map<String, String>> errors) {
        String value = encoded == null ? null : decode(encoded.replace("+", " "));
        if (value != null && unprintable(value) && errors.stream().noneMatch(e -> e.get("field").equals(field))) {
            errors.add(error(field));
        }
    }

    private static String decode(String encoded) {
        try {
            return UriUtils.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean unprintable(String value) {
        return value.codePoints().anyMatch(c -> {
            int type = Character.getType(c);
            return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
        });
    }

    private static Map<String, String> error(String field) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", MESSAGE);
        return error;
    }
}
