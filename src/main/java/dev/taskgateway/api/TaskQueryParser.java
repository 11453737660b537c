package dev.taskgateway.api;

import dev.taskgateway.api.InvalidRequestException.FieldError;
import dev.taskgateway.core.Cursor;
import dev.taskgateway.core.CursorCodec;
import dev.taskgateway.core.InvalidCursorException;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskQuery;
import dev.taskgateway.core.TaskStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the query string of {@code /tasks} and {@code /tasks/stats} into a {@link TaskQuery},
 * collecting every bad parameter before it answers, so one 400 names them all (DESIGN §5).
 */
public final class TaskQueryParser {

    static final Set<String> FILTER_PARAMS = Set.of("source", "provider", "status", "q", "createdFrom", "createdTo",
            "updatedFrom");
    static final Set<String> LIST_PARAMS = union(FILTER_PARAMS, Set.of("size", "page", "cursor", "include"));
    private static final int DEFAULT_SIZE = 20;
    private static final int MAX_Q = 200;
    private static final int MAX_VALUES = 50;

    private final SourceRegistry registry;
    private final Set<String> providers;
    private final CursorCodec cursors;

    TaskQueryParser(SourceRegistry registry, Set<String> providers, CursorCodec cursors) {
        this.registry = registry;
        this.providers = Set.copyOf(providers);
        this.cursors = cursors;
    }

    /** The list query of {@code params}; throws {@link InvalidRequestException} naming each bad one. */
    TaskQuery list(Map<String, String[]> params) {
        List<FieldError> errors = new ArrayList<>();
        unknown(params, LIST_PARAMS, errors);
        if (controls(params, LIST_PARAMS, errors)) {
            throw new InvalidRequestException(errors);
        }
        TaskFilter filter = filter(params, errors);
        int size = integer(params, "size", DEFAULT_SIZE, 1, TaskQuery.MAX_SIZE, errors);
        int page = integer(params, "page", 1, 1, TaskQuery.MAX_WINDOW, errors);
        if (errors.isEmpty() && (long) page * size > TaskQuery.MAX_WINDOW) {
            errors.add(new FieldError("page", "page*size may not pass " + TaskQuery.MAX_WINDOW
                    + "; follow page.next (the cursor) to go deeper"));
        }
        boolean raw = include(params, errors);
        String token = single(params, "cursor", errors);
        if (token != null && params.containsKey("page")) {
            errors.add(new FieldError("cursor", "give either cursor or page, not both"));
        }
        Cursor cursor = null;
        if (token != null && errors.isEmpty()) {
            try {
                cursor = cursors.decode(token, filter, size);
            } catch (InvalidCursorException e) {
                errors.add(new FieldError("cursor", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new TaskQuery(filter, size, page, cursor, raw);
    }

    /** The filter of {@code params} alone, for stats; paging params are unknown there. */
    public TaskFilter stats(Map<String, String[]> params) {
        List<FieldError> errors = new ArrayList<>();
        unknown(params, FILTER_PARAMS, errors);
        if (controls(params, FILTER_PARAMS, errors)) {
            throw new InvalidRequestException(errors);
        }
        TaskFilter filter = filter(params, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return filter;
    }

    private TaskFilter filter(Map<String, String[]> params, List<FieldError> errors) {
        Set<String> sources = multi(params, "source", errors);
        for (String id : sources) {
            if (registry.find(id).filter(SourceRegistry.Entry::enabled).isEmpty()) {
                errors.add(new FieldError("source", "no enabled source has id '" + clip(id) + "'"));
            }
        }
        Set<String> providerNames = multi(params, "provider", errors);
        for (String provider : providerNames) {
            if (!providers.contains(provider)) {
                errors.add(new FieldError("provider", "unknown provider '" + clip(provider) + "'; known: "
                        + String.join(", ", new TreeSet<>(providers))));
            }
        }
        Set<TaskStatus> statuses = new LinkedHashSet<>();
        for (String value : multi(params, "status", errors)) {
            TaskStatus.parse(value).ifPresentOrElse(statuses::add, () -> errors.add(new FieldError("status",
                    "unknown status '" + clip(value) + "'; one of " + Arrays.toString(TaskStatus.values()))));
        }
        String q = single(params, "q", errors);
        if (q != null && (q.isEmpty() || q.length() > MAX_Q)) {
            errors.add(new FieldError("q", "must be 1 to " + MAX_Q + " characters"));
        }
        Instant from = instant(params, "createdFrom", errors);
        Instant to = instant(params, "createdTo", errors);
        Instant updatedFrom = instant(params, "updatedFrom", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("createdFrom", "is after createdTo"));
            return TaskFilter.NONE;
        }
        return new TaskFilter(sources, providerNames, statuses, q, from, to, updatedFrom);
    }

    private static void unknown(Map<String, String[]> params, Set<String> allowed, List<FieldError> errors) {
        params.keySet().stream().filter(name -> !allowed.contains(name)).sorted().forEach(name -> errors.add(
                new FieldError(clip(name), "unknown parameter; known: " + String.join(", ", new TreeSet<>(allowed)))));
    }

    /**
     * A control character in any value is an error naming its parameter: trimming would otherwise
     * turn {@code status=running%00} into {@code running} and answer as if it had been asked.
     */
    private static boolean controls(Map<String, String[]> params, Set<String> known, List<FieldError> errors) {
        List<String> bad = params.keySet().stream().filter(known::contains).sorted()
                .filter(name -> Arrays.stream(params.get(name)).anyMatch(TaskQueryParser::hasControl)).toList();
        bad.forEach(name -> errors.add(new FieldError(name, "must not contain control characters")));
        return !bad.isEmpty();
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    /** Comma-separated or repeated values; blanks and more than {@value #MAX_VALUES} values are errors. */
    private static Set<String> multi(Map<String, String[]> params, String name, List<FieldError> errors) {
        String[] raw = params.get(name);
        Set<String> values = new LinkedHashSet<>();
        if (raw == null) {
            return values;
        }
        for (String value : raw) {
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    errors.add(new FieldError(name, "has an empty value"));
                    return Set.of();
                }
                values.add(part.trim());
            }
        }
        if (values.size() > MAX_VALUES) {
            errors.add(new FieldError(name, "takes at most " + MAX_VALUES + " values"));
            return Set.of();
        }
        return values;
    }

    private static String single(Map<String, String[]> params, String name, List<FieldError> errors) {
        String[] raw = params.get(name);
        if (raw == null) {
            return null;
        }
        if (raw.length > 1) {
            errors.add(new FieldError(name, "may be given once"));
            return null;
        }
        return raw[0];
    }

    private static int integer(Map<String, String[]> params, String name, int fallback, int min, int max,
                               List<FieldError> errors) {
        String value = single(params, name, errors);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static boolean include(Map<String, String[]> params, List<FieldError> errors) {
        boolean raw = false;
        for (String value : multi(params, "include", errors)) {
            if (value.equals("raw")) {
                raw = true;
            } else {
                errors.add(new FieldError("include", "unknown value '" + clip(value) + "'; only 'raw'"));
            }
        }
        return raw;
    }

    /** An ISO-8601 instant, offset date-time, or date (start of that day, UTC). */
    private static Instant instant(Map<String, String[]> params, String name, List<FieldError> errors) {
        String value = single(params, name, errors);
        if (value == null) {
            return null;
        }
        String text = value.trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant (2026-01-31T08:00:00Z) or date (2026-01-31)"));
            return null;
        }
    }

    /** Echoes client input only in a short, printable form. */
    private static String clip(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 59) + "…";
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
