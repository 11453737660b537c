package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.InvalidTaskBodyException;
import dev.taskgateway.providers.LenientJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /sources/{id}/tasks} body against TikMatrix's create API
 * (task-management.md, "Create task") before anything is sent, and serializes it once. Only the
 * vendor's own rules are enforced (required fields, types, the API's scripts, "HH:MM"), plus two
 * that keep a body meaning one thing: exactly one of the two modes, and intervals that are
 * durations (not negative, min ≤ max). Sizes are bounded by the gateway's request-size limit.
 */
final class TikmatrixCreateRequest {

    /** Scripts the local API accepts (the others are "coming soon"). */
    static final Set<String> SCRIPTS = Set.of("post", "follow", "unfollow", "account_warmup", "comment");
    private static final Set<String> FIELDS = Set.of("serials", "usernames", "script_name", "script_config",
            "enable_multi_account", "start_time", "min_interval", "max_interval");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private TikmatrixCreateRequest() {
    }

    /** The exact bytes to send; throws {@link InvalidTaskBodyException} naming the first bad field. */
    static byte[] validate(Map<String, Object> body) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidTaskBodyException(field, "unknown field; TikMatrix takes " + FIELDS);
            }
        }
        boolean serials = body.containsKey("serials");
        boolean usernames = body.containsKey("usernames");
        if (serials == usernames) {
            throw new InvalidTaskBodyException("serials", "give exactly one of serials and usernames");
        }
        String targetsField = serials ? "serials" : "usernames";
        if (!(body.get(targetsField) instanceof List<?> targets) || targets.isEmpty()) {
            throw new InvalidTaskBodyException(targetsField, "must be a non-empty list of strings");
        }
        for (int i = 0; i < targets.size(); i++) {
            if (!(targets.get(i) instanceof String s) || s.isBlank()) {
                throw new InvalidTaskBodyException(targetsField + "[" + i + "]", "must be a non-blank string");
            }
        }
        if (!(body.get("script_name") instanceof String script) || !SCRIPTS.contains(script)) {
            throw new InvalidTaskBodyException("script_name", "must be one of " + SCRIPTS.stream().sorted().toList());
        }
        // Required by the vendor ("script_config | object | 是"), even when a script needs no setting: {}.
        if (!(body.get("script_config") instanceof Map<?, ?>)) {
            throw new InvalidTaskBodyException("script_config", "is required: an object with the script's settings"
                    + " (TikMatrix requires it; {} when there are none)");
        }
        Object start = body.get("start_time");
        if (start != null && !(start instanceof String s && HH_MM.matcher(s).matches())) {
            throw new InvalidTaskBodyException("start_time", "must be a time of day as HH:MM");
        }
        Object multi = body.get("enable_multi_account");
        if (multi != null && !(multi instanceof Boolean)) {
            throw new InvalidTaskBodyException("enable_multi_account", "must be true or false");
        }
        Integer min = minutes(body, "min_interval");
        Integer max = minutes(body, "max_interval");
        if (min != null && max != null && min > max) {
            throw new InvalidTaskBodyException("min_interval", "must not exceed max_interval");
        }
        return LenientJson.MAPPER.writeValueAsBytes(new LinkedHashMap<>(body));
    }

    private static Integer minutes(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer i) || i < 0) {
            throw new InvalidTaskBodyException(field, "must be whole minutes, 0 or more");
        }
        return i;
    }
}
