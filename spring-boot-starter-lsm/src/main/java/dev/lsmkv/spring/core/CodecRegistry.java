package dev.lsmkv.spring.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The framing of stored entity values. New values are written with one codec; values are read with
 * whichever registered codec wrote them, so a store stays readable after the default codec changes.
 *
 * <pre>
 * value   := head [class] [entries] payload
 * head    := 1 byte: bit 7 = a class name follows, bit 6 = index entries follow, bits 0-5 = codec id (1..63)
 * class   := u16 length, UTF-8 name            the entity's class, when it is a subclass of the keyspace's type
 * entries := u16 count, (u16 length, suffix)*  the entity's index entries ({@link IndexWriter}), for indexed types
 * </pre>
 * A value of a type with {@code @Indexed} properties carries its index entries, so an update or a
 * delete learns which index keys to remove from the one value it reads anyway, without decoding the
 * payload or reading another key. The class name is honoured only if it names a subclass of the
 * keyspace's type, so a stored value can never make the adapter instantiate any other class; a value
 * of the keyspace's type asked for as a subclass is not an instance of it ({@link #decode} answers
 * null). A value with neither section is one codec-id byte and the payload (what every value written
 * before this framing is). Thread-safe.
 *
 * <p>ON-DISK FORMAT: codec ids and the two flag bits are stored; never change them.
 */
final class CodecRegistry {

    private static final Log logger = LogFactory.getLog(CodecRegistry.class);
    static final int TYPED = 0x80;
    static final int ENTRIES = 0x40;
    static final int CODEC_ID_MASK = 0x3f;

    private final EntityCodec writer;
    private final Map<Byte, EntityCodec> readers = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    CodecRegistry(EntityCodec writer) {
        if (writer.id() <= 0 || writer.id() > CODEC_ID_MASK) {
            throw new IllegalArgumentException("codec '" + writer.name() + "' has id " + writer.id()
                    + "; codec ids are 1 to 63 (32 to 63 for application codecs)");
        }
        this.writer = writer;
        JacksonEntityCodec json = JacksonEntityCodec.json();
        readers.put(json.id(), json);
        readers.put(writer.id(), writer);
    }

    EntityCodec writer() {
        return writer;
    }

    void addReader(EntityCodec reader) {
        if (reader.id() <= 0 || reader.id() > CODEC_ID_MASK) {
            throw new IllegalArgumentException("codec '" + reader.name() + "' has id " + reader.id() + "; codec ids are 1 to 63");
        }
        readers.putIfAbsent(reader.id(), reader);
    }

    /**
     * The stored value of {@code entity} in a keyspace of type {@code root} (null: unknown), with its
     * index {@code entries} (null: its type has no indexes).
     */
    byte[] encode(Object entity, @Nullable Class<?> root, @Nullable Set<ByteKey> entries) {
        return frame(writer.id(), root == null || entity.getClass() == root ? null : entity.getClass().getName(),
                entries, writer.encode(entity));
    }

    /** {@code value} with its index entries replaced by {@code entries} (null: none); the payload is kept as it is. */
    static byte[] withEntries(byte[] value, @Nullable Set<ByteKey> entries) {
        Head h = Head.of(value);
        return frame((byte) h.codecId, h.className, entries, Arrays.copyOfRange(value, h.payloadOffset, value.length));
    }

    /** The index entries a value carries, or null if it carries none (a type without indexes, or an older value). */
    static @Nullable Set<ByteKey> entries(byte[] value) {
        return Head.of(value).entries;
    }

    private static byte[] frame(byte codecId, @Nullable String className, @Nullable Set<ByteKey> entries, byte[] payload) {
        if (className == null && entries == null) {
            byte[] value = new byte[payload.length + 1];
            value[0] = codecId;
            System.arraycopy(payload, 0, value, 1, payload.length);
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 64);
        out.write((className != null ? TYPED : 0) | (entries != null ? ENTRIES : 0) | codecId);
        if (className != null) {
            byte[] name = className.getBytes(StandardCharsets.UTF_8);
            writeU16(out, name.length);
            out.writeBytes(name);
        }
        if (entries != null) {
            writeU16(out, entries.size());
            for (ByteKey e : entries) {
                byte[] b = e.bytes();
                if (b.length > 0xFFFF) {
                    throw new IllegalArgumentException("an @Indexed value is too large to index: " + b.length
                            + " bytes encoded, at most 65535");
                }
                writeU16(out, b.length);
                out.writeBytes(b);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeU16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    /** The parsed head of a value. */
    private record Head(int codecId, @Nullable String className, @Nullable Set<ByteKey> entries, int payloadOffset) {
        static Head of(byte[] value) {
            if (value.length == 0) {
                throw new IllegalStateException("empty value where an entity was expected");
            }
            int first = value[0] & 0xff;
            int i = 1;
            String className = null;
            if ((first & TYPED) != 0) {
                int len = u16(value, i);
                className = new String(value, i + 2, len, StandardCharsets.UTF_8);
                i += 2 + len;
            }
            Set<ByteKey> entries = null;
            if ((first & ENTRIES) != 0) {
                int n = u16(value, i);
                i += 2;
                entries = new LinkedHashSet<>(n * 2);
                for (int k = 0; k < n; k++) {
                    int len = u16(value, i);
                    entries.add(new ByteKey(Arrays.copyOfRange(value, i + 2, i + 2 + len)));
                    i += 2 + len;
                }
            }
            return new Head(first & CODEC_ID_MASK, className, entries, i);
        }
    }

    /** Reads a value whose class is known to be {@code type} (no subtype check). */
    <T> T decode(byte[] value, Class<T> type) {
        T out = decode(value, null, type);
        if (out == null) {
            throw new IllegalStateException("a stored " + type.getName() + " could not be read");
        }
        return out;
    }

    /**
     * Reads a value of a keyspace of type {@code root} (null: unknown) as a {@code requested}:
     * as its own class when that is a {@code requested}; null when it is a supertype instance asked
     * for as a subtype (not an instance of {@code requested}); as {@code requested} otherwise.
     */
    <T> @Nullable T decode(byte[] value, @Nullable Class<?> root, Class<T> requested) {
        int first = value.length == 0 ? 0 : value[0] & 0xff;
        // walk the sections by their lengths: a read needs the payload and the class, never the entries
        int offset = 1;
        String className = null;
        if ((first & TYPED) != 0) {
            int len = u16(value, offset);
            className = new String(value, offset + 2, len, StandardCharsets.UTF_8);
            offset += 2 + len;
        }
        if ((first & ENTRIES) != 0) {
            int n = u16(value, offset);
            offset += 2;
            for (int k = 0; k < n; k++) {
                offset += 2 + u16(value, offset);
            }
        }
        EntityCodec reader = readers.get((byte) (first & CODEC_ID_MASK));
        if (value.length == 0 || reader == null) {
            throw new IllegalStateException(value.length == 0 ? "empty value where an entity of " + requested.getName()
                    + " was expected" : "value written by unknown codec id " + (first & CODEC_ID_MASK) + " cannot be read as "
                    + requested.getName() + "; register that codec with LsmKeyValueAdapter.addReadCodec");
        }
        Class<?> actual = root != null ? root : requested;
        if (className != null) {
            Class<?> tagged = subclass(className, actual);
            if (tagged != null) {
                actual = tagged;
            }
        }
        Class<?> as;
        if (requested.isAssignableFrom(actual)) {
            as = actual;
        } else if (actual.isAssignableFrom(requested)) {
            return null; // e.g. an Animal asked for as a Dog
        } else {
            as = requested; // an unrelated type: the caller's choice of view
        }
        return requested.cast(reader.decode(value, offset, value.length - offset, as));
    }

    /** The class named {@code name} if it is a subclass of {@code bound}, else null (and the value reads as {@code bound}). */
    private @Nullable Class<?> subclass(String name, Class<?> bound) {
        Class<?> c = classes.get(name);
        if (c == null) {
            try {
                c = ClassUtils.forName(name, CodecRegistry.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                logger.debug("stored value names class " + name + ", which is not loadable; reading it as " + bound.getName());
                return null;
            }
            classes.put(name, c);
        }
        return bound.isAssignableFrom(c) ? c : null;
    }
}
