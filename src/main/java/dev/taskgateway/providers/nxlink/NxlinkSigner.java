package dev.taskgateway.providers.nxlink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * NXLink's request signature (API-auth-basics; PROVIDER-NOTES §2.2 and "Test vectors"):
 * {@code sign = lowerhex(digest("accessKey=…&action=…&bizType=…&ts=…" ["&body=" + body]
 * "&accessSecret=" + secret))}, the body being the exact JSON text that is sent and its segment
 * left out when it is empty. Holds one account's credentials and never prints them.
 */
final class NxlinkSigner {

    /** The digest; {@code md5} is the documented default. */
    enum Algorithm {
        MD5("md5", "MD5"),
        SHA256("sha256", "SHA-256");

        private final String wireName;
        private final String jcaName;

        Algorithm(String wireName, String jcaName) {
            this.wireName = wireName;
            this.jcaName = jcaName;
        }

        /** The value of the {@code algorithm} header and of the {@code algorithm} config key. */
        String wireName() {
            return wireName;
        }

        /** The algorithm a config value names, or null when it names none. */
        static Algorithm parse(String text) {
            String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (Algorithm algorithm : values()) {
                if (algorithm.wireName.equals(wanted)) {
                    return algorithm;
                }
            }
            return null;
        }
    }

    private final String accessKey;
    private final String accessSecret;
    private final String bizType;
    private final String action;
    private final Algorithm algorithm;

    NxlinkSigner(String accessKey, String accessSecret, String bizType, String action, Algorithm algorithm) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.accessSecret = Objects.requireNonNull(accessSecret, "accessSecret");
        this.bizType = Objects.requireNonNull(bizType, "bizType");
        this.action = Objects.requireNonNull(action, "action");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /**
     * The headers of a request sent at {@code tsMillis} with exactly {@code body}, in the
     * documented order; {@code algorithm} is added only for SHA-256 (it is not signed).
     */
    Map<String, String> headers(long tsMillis, String body) {
        String ts = Long.toString(tsMillis);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accessKey", accessKey);
        headers.put("ts", ts);
        headers.put("bizType", bizType);
        headers.put("action", action);
        headers.put("sign", sign(accessKey, action, bizType, ts, body, accessSecret, algorithm));
        if (algorithm != Algorithm.MD5) {
            headers.put("algorithm", algorithm.wireName());
        }
        return headers;
    }

    /** The signature of one request; {@code body} null or empty leaves out the body segment. */
    static String sign(String accessKey, String action, String bizType, String ts, String body,
                       String accessSecret, Algorithm algorithm) {
        String signed = canonical(accessKey, action, bizType, ts, body) + "&accessSecret=" + accessSecret;
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.jcaName);
            return HexFormat.of().formatHex(digest.digest(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm.jcaName, e);
        }
    }

    /** The signed text without its secret suffix: headers in ASCII order, then the body if any. */
    static String canonical(String accessKey, String action, String bizType, String ts, String body) {
        return "accessKey=" + accessKey + "&action=" + action + "&bizType=" + bizType + "&ts=" + ts
                + (body == null || body.isEmpty() ? "" : "&body=" + body);
    }

    @Override
    public String toString() {
        return "NxlinkSigner[" + algorithm.wireName() + ", credentials=(hidden)]";
    }
}
