package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CursorCodecTests {

    private static final byte[] SECRET = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String NOT_ISSUED = "cursor is not one this gateway issued";
    private static final TaskFilter FILTER = new TaskFilter(Set.of("nxlink-hk"), Set.of(),
            Set.of(TaskStatus.RUNNING, TaskStatus.PAUSED), "Call", Instant.parse("2026-01-01T00:00:00Z"), null);
    private static final Cursor CURSOR = new Cursor(
            new Position(Instant.parse("2026-01-02T03:04:05.123456789Z"), "nxlink-hk:52145b00-abc9"), 7);

    private final CursorCodec codec = new CursorCodec(SECRET);

    static Stream<Cursor> cursors() {
        return Stream.of(CURSOR,
                new Cursor(new Position(null, "tikmatrix-pc1:42"), 2),
                new Cursor(new Position(Instant.EPOCH, "src:id|with|bars:and:colons"), 10_000),
                new Cursor(new Position(Instant.parse("2026-01-01T00:00:00Z"), "new-api:tâche_ünïcødé_任务"), 1));
    }

    @ParameterizedTest
    @MethodSource("cursors")
    void tokenDecodesToTheCursorItWasMadeFrom(Cursor cursor) {
        String token = codec.encode(cursor, FILTER, 20);

        assertThat(codec.decode(token, FILTER, 20)).isEqualTo(cursor);
        assertThat(new CursorCodec(SECRET.clone()).decode(token, FILTER, 20))
                .as("another gateway with the same secret reads it").isEqualTo(cursor);
    }

    @Test
    void tokenIsUrlSafe() {
        assertThat(codec.encode(CURSOR, FILTER, 20)).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void filtersWithTheSameMeaningShareTokens() {
        TaskFilter reordered = new TaskFilter(Set.of("nxlink-hk"), Set.of(),
                Set.of(TaskStatus.PAUSED, TaskStatus.RUNNING), "cALL", FILTER.createdFrom(), null);

        assertThat(codec.decode(codec.encode(CURSOR, FILTER, 20), reordered, 20)).isEqualTo(CURSOR);
    }

    @Test
    void everyChangedCharacterIsRejected() {
        String token = codec.encode(CURSOR, FILTER, 20);
        for (int i = 0; i < token.length(); i++) {
            String tampered = token.substring(0, i) + flip(token.charAt(i)) + token.substring(i + 1);
            assertThatThrownBy(() -> codec.decode(tampered, FILTER, 20)).as("changed at %d: %s", i, tampered)
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void tokenFromAGatewayWithAnotherSecretIsRejected() {
        String foreign = new CursorCodec("fedcba9876543210".getBytes(StandardCharsets.UTF_8))
                .encode(CURSOR, FILTER, 20);

        assertThatThrownBy(() -> codec.decode(foreign, FILTER, 20))
                .isInstanceOf(InvalidCursorException.class).hasMessage(NOT_ISSUED);
    }

    @Test
    void afterARotationCursorsSignedWithThePreviousSecretStillDecodeAndNewOnesUseTheNewSecret() {
        byte[] rotated = "rotated-secret-0123456789".getBytes(StandardCharsets.UTF_8);
        CursorCodec afterRotation = new CursorCodec(rotated, SECRET);
        String issuedBefore = codec.encode(CURSOR, FILTER, 20);
        String issuedAfter = afterRotation.encode(CURSOR, FILTER, 20);

        assertThat(afterRotation.decode(issuedBefore, FILTER, 20)).isEqualTo(CURSOR);
        assertThat(new CursorCodec(rotated).decode(issuedAfter, FILTER, 20)).isEqualTo(CURSOR);
        assertThatThrownBy(() -> codec.decode(issuedAfter, FILTER, 20)).isInstanceOf(InvalidCursorException.class);
        String foreign = new CursorCodec("fedcba9876543210".getBytes(StandardCharsets.UTF_8)).encode(CURSOR, FILTER, 20);
        assertThatThrownBy(() -> afterRotation.decode(foreign, FILTER, 20)).isInstanceOf(InvalidCursorException.class);
    }

    static Stream<TaskFilter> otherFilters() {
        return Stream.of(TaskFilter.NONE,
                new TaskFilter(Set.of("nxlink-us"), Set.of(), FILTER.statuses(), "call", FILTER.createdFrom(), null),
                new TaskFilter(FILTER.sources(), Set.of("nxlink"), FILTER.statuses(), "call", FILTER.createdFrom(), null),
                new TaskFilter(FILTER.sources(), Set.of(), Set.of(TaskStatus.RUNNING), "call", FILTER.createdFrom(), null),
                new TaskFilter(FILTER.sources(), Set.of(), FILTER.statuses(), "calls", FILTER.createdFrom(), null),
                new TaskFilter(FILTER.sources(), Set.of(), FILTER.statuses(), null, FILTER.createdFrom(), null),
                new TaskFilter(FILTER.sources(), Set.of(), FILTER.statuses(), "call", null, null),
                new TaskFilter(FILTER.sources(), Set.of(), FILTER.statuses(), "call", FILTER.createdFrom(),
                        Instant.parse("2026-02-01T00:00:00Z")),
                new TaskFilter(FILTER.sources(), Set.of(), FILTER.statuses(), "call", FILTER.createdFrom(),
                        FILTER.createdTo(), Instant.parse("2026-01-31T00:00:00Z")));
    }

    @ParameterizedTest
    @MethodSource("otherFilters")
    void tokenGivenWithOtherFiltersIsRejectedSayingSo(TaskFilter other) {
        String token = codec.encode(CURSOR, FILTER, 20);

        assertThatThrownBy(() -> codec.decode(token, other, 20))
                .isInstanceOf(InvalidCursorException.class).hasMessageContaining("other filters");
    }

    @Test
    void tokenGivenWithAnotherPageSizeIsRejectedSayingSo() {
        String token = codec.encode(CURSOR, FILTER, 20);

        assertThatThrownBy(() -> codec.decode(token, FILTER, 21))
                .isInstanceOf(InvalidCursorException.class).hasMessageContaining("other filters or page size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "....", "a", "a.", ".a", "abc.def", "%%%.***", "not base64!.x",
            "ünïcødé.ü", "AAAA.AAAA", "AAAA", " ", "\u0000.\u0000", "eyJ2MSJ9.", "=.=", "a.b.c"})
    void garbageIsAnInvalidCursor(String garbage) {
        assertThatThrownBy(() -> codec.decode(garbage, FILTER, 20))
                .isInstanceOf(InvalidCursorException.class).hasMessage(NOT_ISSUED);
    }

    @Test
    void nullAndHugeTokensAreInvalidCursors() {
        String huge = codec.encode(CURSOR, FILTER, 20) + "A".repeat(100_000);

        assertThatThrownBy(() -> codec.decode(null, FILTER, 20)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> codec.decode(huge, FILTER, 20)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void randomStringsAndMutationsNeverThrowAnythingButInvalidCursor() {
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=|: é\u0000";
        String token = codec.encode(CURSOR, FILTER, 20);
        for (int i = 0; i < 2_000; i++) {
            String candidate = i % 2 == 0 ? randomString(random, alphabet, random.nextInt(1_200))
                    : mutate(token, random, alphabet);
            if (candidate.equals(token)) {
                continue;
            }
            Cursor[] decoded = new Cursor[1];
            Throwable thrown = catchThrowable(() -> decoded[0] = codec.decode(candidate, FILTER, 20));
            if (thrown == null) {
                assertThat(decoded[0]).as("a changed token is accepted only if it says the same: %s", candidate)
                        .isEqualTo(CURSOR);
            } else {
                assertThat(thrown).as("decoding %s", candidate).isInstanceOf(InvalidCursorException.class);
            }
        }
    }

    /** Signed with the right secret but not what the codec writes: still a 400, not a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"v1|x|2026-01-01T00:00:00Z|%s|src:1", "v1|2|yesterday|%s|src:1",
            "v2|2|2026-01-01T00:00:00Z|%s|src:1", "v1|2|2026-01-01T00:00:00Z|%s", "v1|99999999999|-|%s|src:1"})
    void authenticButMalformedBodyIsAnInvalidCursor(String bodyTemplate) throws Exception {
        String token = codec.encode(CURSOR, FILTER, 20);
        String fingerprint = body(token).split("\\|")[3];
        String forged = sign(String.format(bodyTemplate, fingerprint));

        assertThatThrownBy(() -> codec.decode(forged, FILTER, 20)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void signingItOurselvesProducesAnAcceptedToken() throws Exception {
        String token = codec.encode(CURSOR, FILTER, 20);

        assertThat(codec.decode(sign(body(token)), FILTER, 20)).as("the forging helper above is right")
                .isEqualTo(CURSOR);
    }

    @Test
    void secretShorterThanSixteenBytesIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CursorCodec(new byte[15]))
                .withMessageContaining("16 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new CursorCodec(null));
    }

    @Test
    void changingTheSecretArrayAfterwardsDoesNotChangeTheKey() {
        byte[] secret = SECRET.clone();
        CursorCodec own = new CursorCodec(secret);
        String token = own.encode(CURSOR, FILTER, 20);
        Arrays.fill(secret, (byte) 0);

        assertThat(own.decode(token, FILTER, 20)).isEqualTo(CURSOR);
    }

    private static String body(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(bytes) + "." + encoder.encodeToString(Arrays.copyOf(mac.doFinal(bytes), 16));
    }

    /** Another base64url character whose top bit differs, so the decoded bytes always change. */
    private static char flip(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = alphabet.indexOf(c);
        return index < 0 ? 'A' : alphabet.charAt(index ^ 0b100000);
    }

    private static String mutate(String token, Random random, String alphabet) {
        StringBuilder b = new StringBuilder(token);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = random.nextInt(b.length());
            List<Runnable> ops = List.of(
                    () -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))),
                    () -> b.deleteCharAt(at),
                    () -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length()))));
            ops.get(random.nextInt(ops.size())).run();
        }
        return b.toString();
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(random.nextInt(50) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
