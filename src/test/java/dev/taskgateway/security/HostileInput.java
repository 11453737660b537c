package dev.taskgateway.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random and malicious requests for every endpoint, from a seeded {@link Random}: the same seed
 * makes the same request. Most carry a valid key, so that they get past authentication to the
 * parsers; a few are sent over a raw socket because {@code java.net.http} refuses them.
 */
final class HostileInput {

    /** JSON string escaping, as the problem bodies use it. */
    private static final JsonMapper JSON_TEXT = JsonMapper.builder().build();

    /** One request: method, target (path and query, as sent), headers, body (or null), and whether it goes raw. */
    record Case(String method, String target, List<String[]> headers, byte[] body, boolean raw) {

        String describe() {
            StringBuilder text = new StringBuilder(method).append(' ').append(HttpProbe.clip(target));
            headers.forEach(h -> text.append(" | ").append(h[0]).append(": ").append(HttpProbe.clip(h[1])));
            if (body != null) {
                text.append(" | body ").append(body.length).append(" B: ")
                        .append(HttpProbe.clip(new String(body, StandardCharsets.UTF_8)));
            }
            return text.append(raw ? " | (raw socket)" : "").toString();
        }
    }

    static final List<String> PAYLOADS = List.of("' OR '1'='1", "1; DROP TABLE tasks--", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
            "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "{{7*7}}", "%00", "\u0000", "\r\nX-Injected: 1", "\u202eevil",
            "😀🔥", "é", "ﬀ", "\uFEFF", "null", "undefined", "NaN", "-1", "0", "2147483648", "99999999999999999999",
            "1e309", "0x7fffffff", "１２", "true",
            "[]", "{}", "\"", "'", "\\", "%", "%%", "%2e%2e%2f", "..%2F", "/", "//", ";", "*", "?", "#", "&", "=", " ",
            "\t", "tm-a:1", "tm-a:../stats", "tm-a:1/stop", "a".repeat(201), "b".repeat(5000));
    static final List<String> PARAMS = List.of("source", "provider", "status", "q", "createdFrom", "createdTo", "size",
            "page", "cursor", "include");
    static final List<String> STATUSES = List.of("PENDING", "RUNNING", "PAUSED", "STOPPED", "SUCCEEDED", "FAILED",
            "UNKNOWN", "running", "DONE", "", "RUNNING,FAILED", "RUNNING,,FAILED");
    static final List<String> ACTIONS = List.of("stop", "retry", "pause", "resume", "delete", "explode", "STOP", "",
            "stop;", "stop%00", "..", "%2e%2e", "stop.json", "ｓｔｏｐ");

    /**
     * Control characters as sent, percent-encoded: C0 (NUL, SOH, TAB, LF, CR, US), DEL and C1
     * (NEL). Every query parameter and path id refuses them with a 400 naming it.
     */
    static final List<String> CONTROLS = List.of("%00", "%01", "%09", "%0A", "%0D", "%1F", "%7F", "%C2%85");
    /** Characters only ids refuse besides controls: line and paragraph separators, a bidi override, a BOM. */
    static final List<String> ID_ONLY = List.of("%E2%80%A8", "%E2%80%A9", "%E2%80%AE", "%EF%BB%BF");
    /** Raw control characters for header values (CR and LF would end the header line itself). */
    static final List<String> HEADER_CONTROLS = List.of("\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u2028");
    /** Every request header the gateway reads. */
    static final List<String> HEADERS = List.of("X-API-Key", "Authorization", "X-Request-Id", "Idempotency-Key",
            "Cache-Control", "If-None-Match", "Accept", "Content-Type", "Origin");

    /** A request with one control character where the API has a name for it; that name is {@code field}. */
    record Named(String method, String target, byte[] body, String field) {
    }

    /** Each query parameter of /tasks and /tasks/stats with a valid value followed by each control character. */
    static List<Named> controlParameters(String validCursor) {
        List<Named> cases = new ArrayList<>();
        for (String name : PARAMS) {
            String value = switch (name) {
                case "source" -> "tm-a";
                case "provider" -> "tikmatrix";
                case "status" -> "RUNNING";
                case "createdFrom", "createdTo" -> "2026-01-01";
                case "size" -> "5";
                case "page" -> "1";
                case "cursor" -> validCursor;
                case "include" -> "raw";
                default -> "x";
            };
            for (String control : CONTROLS) {
                cases.add(new Named("GET", "/tasks?" + name + "=" + form(value) + control, null, name));
                if (!List.of("size", "page", "cursor", "include").contains(name)) {
                    cases.add(new Named("GET", "/tasks/stats?" + name + "=" + form(value) + control, null, name));
                }
            }
        }
        return cases;
    }

    /** Each path id (task id, action, source) of every endpoint, with each control or id-only character. */
    static List<Named> controlPathIds() {
        List<Named> cases = new ArrayList<>();
        byte[] create = bytes("{\"serials\":[\"R1\"],\"script_name\":\"post\",\"script_config\":{}}");
        for (String bad : concat(CONTROLS, ID_ONLY)) {
            cases.add(new Named("GET", "/tasks/tm-a:1" + bad, null, "id"));
            cases.add(new Named("DELETE", "/tasks/tm-a:" + bad + "1", null, "id"));
            cases.add(new Named("POST", "/tasks/tm-a:1" + bad + "/stop", null, "id"));
            cases.add(new Named("POST", "/sources/tm-a" + bad + "/tasks:retryFailed", null, "source"));
            cases.add(new Named("POST", "/sources/tm-a" + bad + "/tasks", create, "source"));
        }
        for (String control : CONTROLS) {
            cases.add(new Named("POST", "/tasks/tm-a:1/stop" + control, null, "action"));
        }
        return cases;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private final Random random;
    private final String validCursor;
    /** A third of the cases stay plausible (a valid key, sane parameters) so they reach the adapters. */
    private final boolean plausible;

    HostileInput(long seed, String validCursor) {
        this.random = new Random(seed);
        this.validCursor = validCursor;
        this.plausible = random.nextInt(3) == 0;
    }

    Case next() {
        List<String[]> headers = headers();
        if (plausible) {
            return switch (random.nextInt(5)) {
                case 0, 1 -> new Case(pick("GET", "GET", "HEAD"), "/tasks" + saneQuery(), headers, null, false);
                case 2 -> new Case("GET", "/tasks/stats" + saneQuery(), headers, null, false);
                case 3 -> new Case(pick("GET", "DELETE"), "/tasks/" + HttpProbe.segment(pick("tm-a", "tm-b") + ":"
                        + pick(() -> Integer.toString(1 + random.nextInt(6)), () -> pick(PAYLOADS))), headers, null,
                        false);
                default -> new Case("POST", "/tasks/" + HttpProbe.segment(pick("tm-a", "tm-b") + ":"
                        + (1 + random.nextInt(6))) + "/" + pick("stop", "retry", "pause"), headers, null, false);
            };
        }
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> new Case(pick("GET", "GET", "HEAD"), "/tasks" + query(), headers, maybeBody(), false);
            case 3 -> new Case("GET", "/tasks/stats" + query(), headers, null, false);
            case 4, 5 -> new Case(pick("GET", "GET", "DELETE", "PUT"), "/tasks/" + encode(taskId()) + maybeQuery(),
                    headers, maybeBody(), false);
            case 6, 7 -> new Case(pick("POST", "POST", "GET", "PATCH"), "/tasks/" + encode(taskId()) + "/"
                    + encode(pick(ACTIONS)), headers, maybeBody(), false);
            case 8, 9 -> new Case("POST", "/tasks:batchDelete" + maybeQuery(), json(headers), batchBody(), false);
            case 10 -> new Case(pick("GET", "GET", "POST", "DELETE"), "/sources" + maybeQuery(), headers, maybeBody(),
                    false);
            case 11 -> new Case("POST", "/sources/" + encode(source()) + "/tasks:retryFailed" + maybeQuery(), headers,
                    maybeBody(), false);
            case 12 -> new Case(pick("POST", "POST", "GET"), "/sources/" + encode(source()) + "/tasks", json(headers),
                    createBody(), false);
            case 13 -> new Case(pick("GET", "GET", "POST", "OPTIONS"), pick("/actuator/env", "/actuator/configprops",
                    "/actuator/health", "/actuator/health/" + encode(word()), "/actuator/prometheus",
                    "/actuator/metrics",
                    "/actuator/metrics/" + encode(word()), "/actuator/info", "/actuator/" + encode(word()),
                    "/actuator/env/" + encode(word()), "/v3/api-docs", "/swagger-ui.html") + maybeQuery(), headers,
                    null, false);
            case 14 -> new Case(pick("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO"),
                    randomPath() + maybeQuery(), headers, maybeBody(), false);
            default -> rawCase(headers);
        };
    }

    /** What java.net.http will not send: raw bytes in the target, bad escapes, odd header lines. */
    private Case rawCase(List<String[]> headers) {
        String target = pick(() -> "/tasks?q=" + pick("%ZZ", "%", "%E2%28", "%C0%AF", "<>", "a b", "\"") + "&size=5",
                () -> "/tasks/" + pick("tm-a:..%2Fstats", "tm-a:1%2Fstop", "tm-a:%2e%2e", "..", "tm-a:1%00",
                        "tm-a:%ZZ", "tm-a:é", "tm-a:1%5c", "tm-a:1;a=b", "%2e%2e/sources"),
                () -> "/" + "tasks/".repeat(random.nextInt(5)) + pick("%", "%%2F", "\\", "..;/", "./tasks", "~"),
                () -> "/tasks" + query() + "#" + word(),
                () -> pick("*", "http://127.0.0.1/tasks", "tasks", "/tasks?" + "x".repeat(20_000)));
        List<String[]> odd = new ArrayList<>(headers);
        switch (random.nextInt(6)) {
            case 0 -> odd.add(new String[] {"X-Odd", "\u0085\u0001"});
            case 1 -> odd.add(new String[] {"Bad Name", "1"});
            case 2 -> odd.add(new String[] {"X-Long", "z".repeat(17_000)});
            case 3 -> odd.add(new String[] {"Expect", "100-continue"});
            case 4 -> odd.add(new String[] {"Content-Length", pick("-1", "abc", "99999999999999999999")});
            default -> { }
        }
        return new Case(pick("GET", "POST", "DELETE", "HEAD"), target, odd, null, true);
    }

    private List<String[]> headers() {
        List<String[]> headers = new ArrayList<>();
        int auth = plausible ? 0 : random.nextInt(20);
        String key = pick(SecuredGatewayTestBase.ADMIN_KEY, SecuredGatewayTestBase.ADMIN_KEY,
                SecuredGatewayTestBase.OPS_KEY, SecuredGatewayTestBase.READ_KEY, SecuredGatewayTestBase.HASHED_KEY);
        if (auth < 10) {
            headers.add(new String[] {"X-API-Key", key});
        } else if (auth < 14) {
            headers.add(new String[] {"Authorization", pick("Bearer ", "bearer ", "BEARER ") + key});
        } else if (auth < 18) {
            headers.add(pick(() -> new String[] {"Authorization", pick("Bearer", "Bearer  ", "Basic YTpi", "Bearer "
                            + key + key, "Token " + key, "Bearer " + text())},
                    () -> new String[] {"X-API-Key", pick("", " ", key.toLowerCase(), key + " ", text(),
                            "k".repeat(8000))}));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            headers.add(pick(() -> new String[] {"X-Request-Id", pick(word(), text(), "r".repeat(200), "a b", "")},
                    () -> new String[] {"Idempotency-Key", pick(word(), text(), "i".repeat(300), "", "same-key")},
                    () -> new String[] {"Accept", pick("application/json", "text/html", "application/xml", "*/*",
                            "application/problem+json", "garbage", "", "text/*;q=0.1")},
                    () -> new String[] {"Content-Type", pick("application/json", "text/plain", "application/xml",
                            "application/json; charset=bogus", "garbage/", "application/x-www-form-urlencoded",
                            "multipart/form-data; boundary=x", "")},
                    () -> new String[] {"If-None-Match", pick("*", "\"abc\"", "W/\"x\"", text())},
                    () -> new String[] {"Cache-Control", pick("no-cache", "max-age=-1", text())},
                    () -> new String[] {"Origin", pick("https://dashboard.example", "https://evil.example", "null",
                            text())},
                    () -> new String[] {"X-Forwarded-For", pick("127.0.0.1", "::1", text())},
                    () -> new String[] {"X-" + word(), text()}));
        }
        return headers;
    }

    private String query() {
        if (random.nextInt(8) == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = random.nextInt(6); i >= 0; i--) {
            String name = random.nextInt(6) == 0 ? pick(() -> word(), () -> pick(PAYLOADS), () -> "") : pick(PARAMS);
            query.append(query.length() > 1 ? "&" : "").append(form(name));
            if (random.nextInt(10) > 0) {
                query.append('=').append(form(value(name)));
            }
        }
        return query.toString();
    }

    /** Up to three known parameters with values the parser accepts; {@code q} may still be any payload. */
    private String saneQuery() {
        StringBuilder query = new StringBuilder();
        List<String> names = new ArrayList<>(PARAMS);
        Collections.shuffle(names, random);
        for (String name : names.subList(0, random.nextInt(4))) {
            String value = switch (name) {
                case "source" -> pick("tm-a", "tm-b", "tm-a,tm-b");
                case "provider" -> "tikmatrix";
                case "status" -> pick("RUNNING", "FAILED", "SUCCEEDED,PENDING", "UNKNOWN");
                case "q" -> pick(() -> pick(PAYLOADS.subList(0, PAYLOADS.size() - 2)), () -> word(), this::text);
                case "createdFrom", "createdTo" -> pick("2026-01-02", "2026-01-01T12:00:00Z", "2025-12-31");
                case "size" -> Integer.toString(1 + random.nextInt(200));
                case "page" -> Integer.toString(1 + random.nextInt(3));
                case "cursor" -> validCursor;
                default -> "raw";
            };
            query.append(query.length() == 0 ? "?" : "&").append(name).append('=').append(form(value));
        }
        return query.toString();
    }

    private String maybeQuery() {
        return random.nextInt(4) == 0 ? query() : "";
    }

    private String value(String name) {
        if (random.nextInt(3) == 0) {
            return pick(PAYLOADS);
        }
        return switch (name) {
            case "source" -> pick("tm-a", "tm-b", "tm-a,tm-b", "TM-A", "nope", "tm-a,,tm-b", "tm-a,".repeat(60));
            case "provider" -> pick("tikmatrix", "jira", "TIKMATRIX", "tikmatrix,tikmatrix");
            case "status" -> pick(STATUSES);
            case "size", "page" -> pick(Integer.toString(random.nextInt(400) - 50), "1", "20", "200", "201", "0",
                    " 5", "5.0", "1e3", Long.toString(random.nextLong()));
            case "createdFrom", "createdTo" -> pick("2026-01-01", "2026-01-01T00:00:00Z", "2026-13-45", "yesterday",
                    "2026-01-01T00:00:00+14:00", "+999999999-12-31", "2026-01-01T00:00:00");
            case "cursor" -> pick(validCursor, validCursor.substring(0, validCursor.length() / 2), validCursor + "x",
                    text(), "c".repeat(3000));
            case "include" -> pick("raw", "RAW", "raw,raw", "everything");
            default -> text();
        };
    }

    private String taskId() {
        String source = pick("tm-a", "tm-a", "tm-b", "nope", "", "TM-A", "tm_a", "x".repeat(41), word());
        String nativeId = pick(() -> Integer.toString(1 + random.nextInt(6)), () -> Long.toString(random.nextLong()),
                () -> pick(UpstreamIsolationTests.hostileNativeIds()), () -> pick(PAYLOADS), this::text);
        return random.nextInt(15) == 0 ? source + nativeId : source + ":" + nativeId;
    }

    private String source() {
        return pick("tm-a", "tm-b", "tm-a", "nope", "TM-A", "", "tm-a:1", "..", word(), text());
    }

    private byte[] maybeBody() {
        return random.nextInt(3) == 0 ? body() : null;
    }

    private byte[] batchBody() {
        return random.nextInt(3) == 0 ? body()
                : bytes("{\"ids\":" + array(() -> "\"" + jsonEscape(taskId()) + "\"") + "}");
    }

    private byte[] createBody() {
        if (random.nextInt(3) == 0) {
            return body();
        }
        return bytes("{\"serials\":" + array(() -> "\"" + jsonEscape(text()) + "\"") + ",\"script_name\":\""
                + pick("post", "follow", "like", jsonEscape(text())) + "\",\"start_time\":\""
                + pick("09:30", "25:99", "")
                + "\",\"script_config\":" + pick("{}", "[]", "null", "\"x\"", json(4)) + ",\"min_interval\":"
                + pick("1", "-1", "99999", "1.5", "\"1\"") + "}");
    }

    private byte[] body() {
        return pick(() -> bytes(json(6)), () -> new byte[0], () -> bytes("{not json"), () -> randomBytes(),
                () -> bytes("[".repeat(3000) + "]".repeat(3000)),
                () -> bytes("{\"a\":".repeat(2000) + "1" + "}".repeat(2000)),
                () -> bytes("[" + "1,".repeat(20_000) + "1]"), () -> bytes("\uFEFF{\"ids\":[\"tm-a:1\"]}"),
                () -> bytes("{\"ids\":[\"tm-a:1\"]," + "\"x\":1,".repeat(10) + "\"ids\":[]}"), () -> bytes("1e99999"),
                () -> bytes("\"" + "s".repeat(70_000) + "\""), () -> bytes("null"));
    }

    private String json(int depth) {
        int kind = depth <= 0 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> "\"" + jsonEscape(text()) + "\"";
            case 1 -> pick("0", "-1", "1.5", "1e308", "-0", "12345678901234567890123");
            case 2 -> pick("true", "false", "null");
            case 3 -> "\"" + jsonEscape(pick(PAYLOADS)) + "\"";
            case 4 -> array(() -> json(depth - 1));
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.append(object.length() > 1 ? "," : "").append('"')
                            .append(jsonEscape(pick("ids", "serials", "script_name", word()))).append("\":")
                            .append(json(depth - 1));
                }
                yield object.append('}').toString();
            }
        };
    }

    private String array(Supplier<String> element) {
        StringBuilder array = new StringBuilder("[");
        int size = pick(() -> random.nextInt(4), () -> random.nextInt(4), () -> 99 + random.nextInt(4));
        for (int i = 0; i < size; i++) {
            array.append(i > 0 ? "," : "").append(element.get());
        }
        return array.append(']').toString();
    }

    private String randomPath() {
        StringBuilder path = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            path.append('/').append(encode(pick(() -> word(), () -> pick("tasks", "sources", "actuator", "stats",
                    "tasks:batchDelete", "error", "v3", "swagger-ui"), () -> pick(PAYLOADS))));
        }
        return path.toString();
    }

    /** Printable words, unicode, controls: anything a client might type or paste. */
    private String text() {
        int length = pick(() -> random.nextInt(12), () -> random.nextInt(80), () -> random.nextInt(600));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(switch (random.nextInt(10)) {
                case 0 -> random.nextInt(32);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> pickInt(0x202e, 0xfeff, 0x200b, 0x1f600, 0x4e2d, 0xff11, 0xfffd);
                default -> 0x20 + random.nextInt(0x5f);
            });
        }
        return text.toString();
    }

    private String word() {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
        StringBuilder word = new StringBuilder();
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A path segment: encoded properly most of the time, pre-encoded tricks otherwise. */
    private String encode(String segment) {
        return random.nextInt(10) == 0
                ? segment.replace("/", "%2F").replace(" ", "%20").replaceAll("[^\\x21-\\x7e]", "%25")
                : HttpProbe.segment(segment);
    }

    private static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String[]> json(List<String[]> headers) {
        if (headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Type"))) {
            headers.add(new String[] {"Content-Type", "application/json"});
        }
        return headers;
    }

    private static String jsonEscape(String text) {
        return JSON_TEXT.writeValueAsString(text).replaceAll("^\"|\"$", "");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    private <T> T pick(Supplier<T>... choices) {
        return choices[random.nextInt(choices.length)].get();
    }

    private int pickInt(int... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
