package dev.taskgateway.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns cursors into opaque tokens and back. A token is
 * {@code base64url(v1|page|createdAt|fingerprint|id) "." base64url(hmac)}; the HMAC makes forged
 * or edited tokens fail, and the fingerprint of filters and page size makes a token given with
 * other parameters fail.
 */
public final class CursorCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 1024;

    private final SecretKeySpec key;
    private final SecretKeySpec previousKey;

    /** A codec signing with {@code secret} (gateways behind one load balancer share it). */
    public CursorCodec(byte[] secret) {
        this(secret, null);
    }

    /**
     * A codec signing with {@code secret} and still accepting tokens signed with {@code previous}
     * (null for none), so the secret can be rotated without breaking the cursors clients hold.
     */
    public CursorCodec(byte[] secret, byte[] previous) {
        this.key = key(secret);
        this.previousKey = previous == null ? null : key(previous);
    }

    private static SecretKeySpec key(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("cursor secret must be at least 16 bytes");
        }
        return new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The token for {@code cursor} made under {@code filter} and {@code size}. */
    public String encode(Cursor cursor, TaskFilter filter, int size) {
        Position p = cursor.after();
        String body = String.join("|", "v1", Integer.toString(cursor.pageNumber()),
                p.createdAt() == null ? "-" : p.createdAt().toString(), fingerprint(filter, size), p.id());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(key, bytes));
    }

    /** Reads a token; throws {@link InvalidCursorException} when forged, damaged or mismatched. */
    public Cursor decode(String token, TaskFilter filter, int size) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidCursorException("cursor is not one this gateway issued");
        }
        int dot = token.indexOf('.');
        byte[] bytes;
        byte[] signature;
        try {
            bytes = DECODER.decode(token.substring(0, Math.max(dot, 0)));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not one this gateway issued");
        }
        if (dot < 0 || !signedBy(key, bytes, signature) && !signedBy(previousKey, bytes, signature)) {
            throw new InvalidCursorException("cursor is not one this gateway issued");
        }
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", 5);
        if (parts.length != 5 || !"v1".equals(parts[0])) {
            throw new InvalidCursorException("cursor is not one this gateway issued");
        }
        if (!parts[3].equals(fingerprint(filter, size))) {
            throw new InvalidCursorException(
                    "cursor was made for other filters or page size; repeat the first request's parameters");
        }
        try {
            Instant createdAt = "-".equals(parts[2]) ? null : Instant.parse(parts[2]);
            return new Cursor(new Position(createdAt, parts[4]), Integer.parseInt(parts[1]));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidCursorException("cursor is not one this gateway issued");
        }
    }

    private static String fingerprint(TaskFilter filter, int size) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((filter.canonical() + "|" + size).getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(digest, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static boolean signedBy(SecretKeySpec key, byte[] bytes, byte[] signature) {
        return key != null && MessageDigest.isEqual(mac(key, bytes), signature);
    }

    private static byte[] mac(SecretKeySpec key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(bytes), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
