package dev.lsmkv.spring.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The framing of stored entity values: one codec-id byte, then the payload of the codec with that
 * id. New values are written with one codec; values are read with whichever registered codec wrote
 * them, so a store stays readable after the default codec changes. Thread-safe.
 */
final class CodecRegistry {

    private final EntityCodec writer;
    private final Map<Byte, EntityCodec> readers = new ConcurrentHashMap<>();

    CodecRegistry(EntityCodec writer) {
        this.writer = writer;
        JacksonEntityCodec json = JacksonEntityCodec.json();
        readers.put(json.id(), json);
        readers.put(writer.id(), writer);
    }

    EntityCodec writer() {
        return writer;
    }

    void addReader(EntityCodec reader) {
        readers.putIfAbsent(reader.id(), reader);
    }

    /** The stored value of {@code entity}: the writer's id byte and payload. */
    byte[] encode(Object entity) {
        byte[] payload = writer.encode(entity);
        byte[] value = new byte[payload.length + 1];
        value[0] = writer.id();
        System.arraycopy(payload, 0, value, 1, payload.length);
        return value;
    }

    /** Reads a stored value as a {@code type}. */
    <T> T decode(byte[] value, Class<T> type) {
        if (value.length == 0) {
            throw new IllegalStateException("empty value where an entity of " + type.getName() + " was expected");
        }
        EntityCodec reader = readers.get(value[0]);
        if (reader == null) {
            throw new IllegalStateException("value written by unknown codec id " + value[0] + " cannot be read as "
                    + type.getName() + "; register that codec with LsmKeyValueAdapter.addReadCodec");
        }
        return reader.decode(value, 1, value.length - 1, type);
    }
}
