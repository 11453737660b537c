package dev.taskgateway.providers.newapi;

import java.util.Locale;
import java.util.Optional;

/** Which task center a source reads. */
enum NewApiScope {
    /** The token user's tasks: {@code GET /api/task/self} (UserAuth). */
    SELF("/api/task/self"),
    /** Every user's tasks: {@code GET /api/task/} (AdminAuth, role ≥ 10). */
    ALL("/api/task/");

    private final String path;

    NewApiScope(String path) {
        this.path = path;
    }

    /** The list route of this scope. */
    String path() {
        return path;
    }

    /** The scope a config value names ({@code self} or {@code all}); empty otherwise. */
    static Optional<NewApiScope> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "self" -> Optional.of(SELF);
            case "all" -> Optional.of(ALL);
            default -> Optional.empty();
        };
    }
}
