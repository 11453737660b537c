package dev.taskgateway.core;

import java.util.regex.Pattern;

/**
 * A task's gateway-wide identity, {@code <source>:<nativeId>}.
 *
 * <p>The native part is whatever the provider uses (a number, a UUID, {@code task_…}); it may
 * itself contain colons, so parsing splits at the first one. It is never trusted: it must be
 * non-blank, at most {@value #MAX_NATIVE_LENGTH} characters and free of control, format and
 * separator characters, and
 * adapters still percent-encode it before it reaches an upstream path.
 */
public record TaskId(String source, String nativeId) implements Comparable<TaskId> {

    /** Source ids: lower-case letters, digits and dashes, 1 to 40 of them. */
    public static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9-]{1,40}");
    static final int MAX_NATIVE_LENGTH = 200;

    public TaskId {
        if (source == null || !SOURCE_ID.matcher(source).matches()) {
            throw new IllegalArgumentException("source id must match [a-z0-9-]{1,40}");
        }
        if (nativeId == null || nativeId.isBlank() || nativeId.length() > MAX_NATIVE_LENGTH
                || nativeId.codePoints().anyMatch(TaskId::unprintable)) {
            throw new IllegalArgumentException("native id must be 1 to " + MAX_NATIVE_LENGTH
                    + " printable characters (no control, format or line/paragraph separator characters)");
        }
    }

    /**
     * Control characters, invisible format characters (U+202E bidi override, U+200B, U+FEFF) and
     * line/paragraph separators (U+2028, U+2029): no provider's ids have them, and they let an id
     * pose as something else in a log line or on a screen.
     */
    private static boolean unprintable(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The id of {@code nativeId} in {@code source}. */
    public static TaskId of(String source, String nativeId) {
        return new TaskId(source, nativeId);
    }

    /** Parses {@code source:nativeId}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static TaskId parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("task id must look like <source>:<nativeId>");
        }
        return new TaskId(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public int compareTo(TaskId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return source + ":" + nativeId;
    }
}
