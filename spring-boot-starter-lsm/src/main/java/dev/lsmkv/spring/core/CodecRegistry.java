package dev.lsmkv.spring.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * value       := codec-id(1 byte, 1..127) payload                        an instance of the keyspace's type
 *              | (0x80 | codec-id) u16 length, class name (UTF-8) payload  an instance of a subclass
 * </pre>
 * The class name is written only for an entity whose class is not the keyspace's type (a {@code Dog}
 * in an {@code Animal} keyspace) and is honoured only if it names a subclass of the keyspace's type,
 * so a stored value can never make the adapter instantiate any other class. A value of the keyspace's
 * type asked for as a subclass is not an instance of it ({@link #decode} answers null). Thread-safe.
 *
 * <p>ON-DISK FORMAT: codec ids and the 0x80 flag are stored; never change them.
 */
final class CodecRegistry {

    private static final Log logger = LogFactory.getLog(CodecRegistry.class);
    static final int TYPED = 0x80;

    private final EntityCodec writer;
    private final Map<Byte, EntityCodec> readers = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    CodecRegistry(EntityCodec writer) {
        if (writer.id() <= 0) {
            throw new IllegalArgumentException("codec '" + writer.name() + "' has id " + writer.id()
                    + "; codec ids are 1 to 127");
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
        readers.putIfAbsent(reader.id(), reader);
    }

    /** The stored value of {@code entity} in a keyspace of type {@code root} (null: unknown). */
    byte[] encode(Object entity, @Nullable Class<?> root) {
        byte[] payload = writer.encode(entity);
        if (root == null || entity.getClass() == root) {
            byte[] value = new byte[payload.length + 1];
            value[0] = writer.id();
            System.arraycopy(payload, 0, value, 1, payload.length);
            return value;
        }
        byte[] name = entity.getClass().getName().getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[3 + name.length + payload.length];
        value[0] = (byte) (TYPED | writer.id());
        value[1] = (byte) (name.length >>> 8);
        value[2] = (byte) name.length;
        System.arraycopy(name, 0, value, 3, name.length);
        System.arraycopy(payload, 0, value, 3 + name.length, payload.length);
        return value;
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
        if (value.length == 0) {
            throw new IllegalStateException("empty value where an entity of " + requested.getName() + " was expected");
        }
        int first = value[0] & 0xff;
        EntityCodec reader = readers.get((byte) (first & 0x7f));
        if (reader == null) {
            throw new IllegalStateException("value written by unknown codec id " + (first & 0x7f) + " cannot be read as "
                    + requested.getName() + "; register that codec with LsmKeyValueAdapter.addReadCodec");
        }
        int offset = 1;
        Class<?> actual = root != null ? root : requested;
        if ((first & TYPED) != 0) {
            int len = ((value[1] & 0xff) << 8) | (value[2] & 0xff);
            String name = new String(value, 3, len, StandardCharsets.UTF_8);
            offset = 3 + len;
            Class<?> tagged = subclass(name, actual);
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
