package dev.taskgateway.providers;

import java.util.Collection;
import java.util.Locale;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Makes provider-supplied text safe to show clients: one short line, secrets blanked. */
public final class UpstreamText {

    static final int MAX_LENGTH = 160;

    private UpstreamText() {
    }

    /**
     * {@code text} on one line, at most {@value #MAX_LENGTH} characters, with every occurrence of
     * each secret replaced by {@code ***}; null stays null.
     */
    public static String summarize(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String line = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                line = line.replace(secret, "***");
            }
        }
        line = line.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }

    /** {@code taskgateway.sources.nxlink-hk.access-secret} → {@code NXLINK_HK_ACCESS_SECRET}. */
    static String environmentName(String key) {
        String name = key.startsWith("taskgateway.sources.") ? key.substring("taskgateway.sources.".length()) : key;
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    /** Throws a configuration error naming {@code key} when {@code value} is blank; the value is never echoed. */
    public static String requireSecret(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(
                    key, "(missing)", "this secret is required; take it from the environment, e.g. "
                    + key.substring(key.lastIndexOf('.') + 1) + ": ${" + environmentName(key) + "}");
        }
        return value;
    }
}
