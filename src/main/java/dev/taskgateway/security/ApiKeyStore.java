package dev.taskgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The configured keys, held only as SHA-256 digests. A presented key is hashed and compared with
 * every stored digest in constant time, so neither the match nor its position leaks through timing.
 */
final class ApiKeyStore {

    /** The roles a key may have. */
    static final Set<String> ROLES = Set.of("read", "operate", "metrics", "admin");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Shortest clear key accepted outside the demo profile. */
    static final int MIN_KEY_LENGTH = 16;

    /** A key's identity once verified: its name and roles. */
    record Principal(String name, Set<String> roles) {
    }

    private record Stored(byte[] digest, Principal principal) {
    }

    private final List<Stored> keys;

    private ApiKeyStore(List<Stored> keys) {
        this.keys = keys;
    }

    /**
     * Validates {@code configured} (failing start-up with the key's property name) and stores
     * digests. Keys are trimmed first: a key read from a file often ends with a newline, and the
     * presented key is trimmed too. Clear keys shorter than {@code minKeyLength} are refused.
     */
    static ApiKeyStore of(int minKeyLength, List<SecurityProperties.ApiKey> configured) {
        ArrayList<Stored> stored = new ArrayList<>();
        HashSet<String> names = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            SecurityProperties.ApiKey key = configured.get(i);
            String prefix = "taskgateway.security.api-keys[" + i + "]";
            if (key.getName() == null || key.getName().isBlank() || !names.add(key.getName())) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".name", key.getName(),
                        "every API key needs a unique name");
            }
            String clearKey = key.getKey() == null ? "" : key.getKey().trim();
            String hash = key.getKeySha256() == null ? "" : key.getKeySha256().trim().toLowerCase(Locale.ROOT);
            boolean clear = !clearKey.isEmpty();
            boolean hashed = !hash.isEmpty();
            if (clear == hashed) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".key", "(hidden)",
                        "give exactly one of key and key-sha256");
            }
            if (clear && clearKey.length() < minKeyLength) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".key", "(hidden)",
                        "must be at least " + minKeyLength + " characters outside the demo profile (it is "
                                + clearKey.length() + "); e.g. openssl rand -hex 24");
            }
            if (hashed && !SHA256_HEX.matcher(hash).matches()) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".key-sha256", "(hidden)",
                        "must be 64 hex digits (sha256sum of the key)");
            }
            if (key.getRoles().isEmpty() || !ROLES.containsAll(key.getRoles())) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".roles", key.getRoles(),
                        "roles are read, operate, metrics and admin; give at least one");
            }
            byte[] digest = clear ? sha256(clearKey) : HexFormat.of().parseHex(hash);
            stored.add(new Stored(digest, new Principal(key.getName(), Set.copyOf(key.getRoles()))));
        }
        return new ApiKeyStore(List.copyOf(stored));
    }

    /** The principal of {@code presented}, if it is a configured key. */
    Optional<Principal> verify(String presented) {
        byte[] digest = sha256(presented);
        Principal match = null;
        for (Stored key : keys) {
            if (MessageDigest.isEqual(key.digest(), digest) & match == null) {
                match = key.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
