package dev.taskgateway.state;

import dev.taskgateway.core.ReadKey;
import dev.taskgateway.core.ReadSnapshot;
import dev.taskgateway.core.SharedReads;
import dev.taskgateway.core.Task;
import dev.taskgateway.providers.RawJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Held reads shared through Redis: each read as gzipped JSON under {@code reads:<source>:<hash of
 * its key>} for its source's stale TTL, and a claim {@code readlock:...} while one replica reads a
 * list. Redis trouble never fails a read: nothing found, and this replica reads for itself.
 */
final class RedisSharedReads implements SharedReads {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedReads.class);

    private final SharedState state;
    private final JsonMapper json = JsonMapper.builder().addMixIn(Task.class, CompactRaw.class).build();
    private final String instance = UUID.randomUUID().toString();

    RedisSharedReads(SharedState state) {
        this.state = state;
    }

    @Override
    public Optional<ReadSnapshot> get(ReadKey key) {
        try {
            String value = state.get(name("reads:", key));
            return value == null ? Optional.empty() : Optional.of(decode(value));
        } catch (SharedStateUnavailableException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("a shared read of {} could not be decoded; reading it here", key.source(), e);
            return Optional.empty();
        }
    }

    @Override
    public void put(ReadSnapshot read, Duration ttl) {
        try {
            state.put(name("reads:", read.key()), encode(read), ttl);
        } catch (SharedStateUnavailableException e) {
            // The other replicas read for themselves until Redis is back.
        }
    }

    @Override
    public boolean claim(ReadKey key, Duration hold) {
        try {
            return state.claim(name("readlock:", key), instance, hold) == null;
        } catch (SharedStateUnavailableException e) {
            return true;
        }
    }

    @Override
    public void release(ReadKey key) {
        try {
            state.release(name("readlock:", key), instance);
        } catch (SharedStateUnavailableException e) {
            // The claim expires by itself.
        }
    }

    /** The store's name of a read: its source in clear (for operators), the rest hashed. */
    private static String name(String kind, ReadKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return kind + key.source() + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String encode(ReadSnapshot read) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.writeValueAsBytes(read));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private ReadSnapshot decode(String value) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(value)))) {
            return json.readValue(gzip.readAllBytes(), ReadSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A shared task's raw record read back as the replica that read it holds it: a {@link RawJson},
     * compact (issue 16: a parsed record weighs several times its text), equal to that replica's.
     */
    abstract static class CompactRaw {
        @JsonDeserialize(using = RawRecord.class)
        Object raw;
    }

    /** Copies the record's JSON straight into a {@link RawJson}, no tree in between. */
    static final class RawRecord extends ValueDeserializer<Object> {
        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            return RawJson.read(parser);
        }
    }
}
