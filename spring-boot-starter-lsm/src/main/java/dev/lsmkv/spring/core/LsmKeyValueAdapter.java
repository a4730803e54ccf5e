package dev.lsmkv.spring.core;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.WriteBatch;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.keyvalue.core.AbstractKeyValueAdapter;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.util.CloseableIterator;

/**
 * A Spring Data {@code KeyValueAdapter} that keeps entities in an {@link LsmEngine}.
 *
 * <p>Layout (see {@link LsmKeys} for the bytes): each entity is one key, keyspace + encoded id,
 * so a keyspace is one contiguous range sorted by id; each {@code @Indexed} property value is one
 * more key, keyspace + path + encoded value + encoded id, with an empty value. The entity and its
 * index keys are written, rewritten and removed in one {@link WriteBatch}, and get the same TTL,
 * so the index never disagrees with the data, not even after a crash. Values are one codec-id
 * byte and the codec's payload ({@link EntityCodec}, Jackson JSON by default); the class to read
 * comes from the caller, or for untyped calls from the class last written to the keyspace.
 *
 * <p>Example: {@code put(7, Person(7, "a@x"), "people")} with {@code @Indexed email} writes
 * {@code people\0\1<7>} = {@code 01{"id":7,"email":"a@x"}} and
 * {@code people\0\2email\0<"a@x"><7>} = (empty), in one batch.
 *
 * <p>Reading all of a keyspace ({@link #getAllOf}, {@link #entries}, {@link #count}) and queries
 * stream through engine cursors in chunks; no call holds a whole keyspace in memory, except
 * the template's own list-returning methods, which copy what they are given.
 *
 * <p>What it is not: {@link #clear()} and {@link #destroy()} do nothing, because Spring Data's
 * {@code KeyValueTemplate} calls {@code clear()} on every context shutdown and this store is
 * meant to outlive the application (Spring Data Redis does the same). The adapter does not own
 * the engine and never closes it. {@link #deleteAllOf} is not atomic: it deletes in batches.
 *
 * <p>Thread-safe. Writes to an entity of an indexed type take a striped lock on its key, so two
 * concurrent saves of the same id cannot leave index entries of the loser behind.
 */
public class LsmKeyValueAdapter extends AbstractKeyValueAdapter {

    private static final Log logger = LogFactory.getLog(LsmKeyValueAdapter.class);
    static final int CHUNK = 512;
    private static final int STRIPES = 64;

    private final LsmEngine engine;
    private final EntityCodec codec;
    private final Map<Byte, EntityCodec> readers = new ConcurrentHashMap<>();
    private final @Nullable KeyValueMappingContext<?, ?> mappingContext;
    private final Map<String, Class<?>> keyspaceTypes = new ConcurrentHashMap<>();
    private final Map<String, Duration> keyspaceTimeToLive = new ConcurrentHashMap<>();
    private final Map<String, byte[]> dataPrefixes = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    /** An adapter over {@code engine} with the JSON codec and no mapping context. */
    public LsmKeyValueAdapter(LsmEngine engine) {
        this(engine, JacksonEntityCodec.json(), null);
    }

    /**
     * An adapter over {@code engine} writing with {@code codec}. With a {@code mappingContext},
     * an entity stored under a generated id gets that id set before it is written (records and
     * other immutable types included), and untyped reads can find a keyspace's class.
     */
    public LsmKeyValueAdapter(LsmEngine engine, EntityCodec codec, @Nullable KeyValueMappingContext<?, ?> mappingContext) {
        super(new LsmQueryEngine());
        this.engine = engine;
        this.codec = codec;
        this.mappingContext = mappingContext;
        JacksonEntityCodec json = JacksonEntityCodec.json();
        readers.put(json.id(), json);
        readers.put(codec.id(), codec);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The engine this adapter writes to. */
    public LsmEngine getEngine() {
        return engine;
    }

    /** The codec new values are written with. */
    public EntityCodec getCodec() {
        return codec;
    }

    /** Adds a codec that values may be read with (one used by an older configuration). */
    public void addReadCodec(EntityCodec readCodec) {
        readers.putIfAbsent(readCodec.id(), readCodec);
    }

    /**
     * Sets the time to live of entities of {@code keyspace} that have no positive
     * {@code @TimeToLive} value of their own; null or zero removes it.
     */
    public void setKeyspaceTimeToLive(String keyspace, @Nullable Duration ttl) {
        if (ttl == null || ttl.isZero()) {
            keyspaceTimeToLive.remove(keyspace);
        } else if (ttl.isNegative()) {
            throw new IllegalArgumentException("time to live of keyspace '" + keyspace + "' must not be negative: " + ttl);
        } else {
            keyspaceTimeToLive.put(keyspace, ttl);
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public @Nullable Object put(Object id, Object item, String keyspace) {
        Class<?> type = item.getClass();
        keyspaceTypes.put(keyspace, type);
        Object entity = withId(item, id);
        byte[] encodedId = OrderedCodec.encode(id);
        byte[] key = LsmKeys.dataKeyOfEncodedId(dataPrefix(keyspace), encodedId, 0);
        byte[] value = encode(entity);
        EntityInfo info = EntityInfo.of(type);
        Duration ttl = timeToLive(info, entity, keyspace);
        if (!info.hasIndexes()) {
            if (ttl == null) {
                engine.put(key, value);
            } else {
                engine.put(key, value, ttl);
            }
            return null;
        }
        ReentrantLock lock = stripe(key);
        lock.lock();
        try {
            byte[] oldBytes = engine.get(key);
            Object old = oldBytes == null ? null : decode(oldBytes, type);
            WriteBatch batch = new WriteBatch();
            Set<Key> newIndex = indexKeys(info, entity, keyspace, encodedId);
            if (old != null) {
                for (Key stale : indexKeys(info, old, keyspace, encodedId)) {
                    if (!newIndex.contains(stale)) {
                        batch.delete(stale.bytes);
                    }
                }
            }
            byte[] empty = new byte[0];
            for (Key k : newIndex) {
                if (ttl == null) {
                    batch.put(k.bytes, empty);
                } else {
                    batch.put(k.bytes, empty, ttl);
                }
            }
            if (ttl == null) {
                batch.put(key, value);
            } else {
                batch.put(key, value, ttl);
            }
            engine.write(batch);
            return old;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public @Nullable Object delete(Object id, String keyspace) {
        return delete(id, keyspace, typeOf(keyspace));
    }

    @Override
    public <T> @Nullable T delete(Object id, String keyspace, Class<T> type) {
        byte[] encodedId = OrderedCodec.encode(id);
        byte[] key = LsmKeys.dataKeyOfEncodedId(dataPrefix(keyspace), encodedId, 0);
        EntityInfo info = EntityInfo.of(type);
        ReentrantLock lock = stripe(key);
        lock.lock();
        try {
            byte[] oldBytes = engine.get(key);
            if (oldBytes == null) {
                return null;
            }
            T old = decode(oldBytes, type);
            if (!info.hasIndexes() || old == null) {
                engine.delete(key);
                return old;
            }
            WriteBatch batch = new WriteBatch();
            for (Key k : indexKeys(info, old, keyspace, encodedId)) {
                batch.delete(k.bytes);
            }
            batch.delete(key);
            engine.write(batch);
            return old;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes every entity and index entry of {@code keyspace}, in batches (not atomically). */
    @Override
    public void deleteAllOf(String keyspace) {
        byte[] from = LsmKeys.keyspacePrefix(keyspace);
        byte[] to = LsmKeys.prefixEnd(from);
        while (true) {
            WriteBatch batch = new WriteBatch();
            byte[] last = null;
            try (Cursor c = engine.scan(from, to)) {
                while (batch.size() < 4 * CHUNK && c.next()) {
                    last = c.key();
                    batch.delete(last);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            engine.write(batch);
            from = successor(last);
        }
    }

    /**
     * Does nothing: Spring Data's {@code KeyValueTemplate.destroy()} calls this on every context
     * shutdown, and data in this store must survive restarts. Use {@link #deleteAllOf(String)}.
     */
    @Override
    public void clear() {
        logger.debug("clear() ignored: an lsm store keeps its data across application restarts");
    }

    /** Does nothing: the engine is a bean of its own and is closed by its container. */
    @Override
    public void destroy() {
    }

    // ---------------------------------------------------------------- reads

    @Override
    public @Nullable Object get(Object id, String keyspace) {
        return get(id, keyspace, typeOf(keyspace));
    }

    @Override
    public <T> @Nullable T get(Object id, String keyspace, Class<T> type) {
        byte[] value = engine.get(LsmKeys.dataKey(keyspace, id));
        return value == null ? null : decode(value, type);
    }

    @Override
    public boolean contains(Object id, String keyspace) {
        return engine.get(LsmKeys.dataKey(keyspace, id)) != null;
    }

    @Override
    public Iterable<Object> getAllOf(String keyspace) {
        return getAllOf(keyspace, (Class<Object>) typeOf(keyspace));
    }

    @Override
    public <T> Iterable<T> getAllOf(String keyspace, Class<T> type) {
        byte[] prefix = dataPrefix(keyspace);
        return () -> new ChunkedScan<>(engine, prefix, LsmKeys.prefixEnd(prefix), (k, v) -> decode(v, type));
    }

    @Override
    public CloseableIterator<Map.Entry<Object, Object>> entries(String keyspace) {
        return entries(keyspace, (Class<Object>) typeOf(keyspace));
    }

    @Override
    public <T> CloseableIterator<Map.Entry<Object, T>> entries(String keyspace, Class<T> type) {
        byte[] prefix = dataPrefix(keyspace);
        ChunkedScan<Map.Entry<Object, T>> scan = new ChunkedScan<>(engine, prefix, LsmKeys.prefixEnd(prefix),
                (k, v) -> new AbstractMap.SimpleImmutableEntry<>(OrderedCodec.decode(k, prefix.length), decode(v, type)));
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return scan.hasNext();
            }

            @Override
            public Map.Entry<Object, T> next() {
                return scan.next();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The number of live entities in {@code keyspace}: one streaming pass over its keys. */
    @Override
    public long count(String keyspace) {
        byte[] prefix = dataPrefix(keyspace);
        long n = 0;
        try (Cursor c = engine.scan(prefix, LsmKeys.prefixEnd(prefix))) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- helpers for the query engine

    byte[] dataPrefix(String keyspace) {
        return dataPrefixes.computeIfAbsent(keyspace, LsmKeys::dataPrefix);
    }

    @SuppressWarnings("unchecked")
    <T> T decode(byte[] value, Class<T> type) {
        if (value.length == 0) {
            throw new IllegalStateException("empty value where an entity was expected");
        }
        EntityCodec reader = readers.get(value[0]);
        if (reader == null) {
            throw new IllegalStateException("value written by unknown codec id " + value[0]
                    + "; register it with addReadCodec");
        }
        if (type == Object.class) {
            return (T) reader.decode(value, 1, value.length - 1, LinkedHashMap.class);
        }
        return reader.decode(value, 1, value.length - 1, type);
    }

    /** The class of {@code keyspace}'s entities: last written, else from the mapping context, else Object. */
    Class<?> typeOf(String keyspace) {
        Class<?> type = keyspaceTypes.get(keyspace);
        if (type != null) {
            return type;
        }
        if (mappingContext != null) {
            for (KeyValuePersistentEntity<?, ?> e : mappingContext.getPersistentEntities()) {
                if (keyspace.equals(e.getKeySpace())) {
                    keyspaceTypes.put(keyspace, e.getType());
                    return e.getType();
                }
            }
        }
        return Object.class;
    }

    void rememberType(String keyspace, Class<?> type) {
        if (type != Object.class) {
            keyspaceTypes.putIfAbsent(keyspace, type);
        }
    }

    private byte[] encode(Object entity) {
        byte[] payload = codec.encode(entity);
        byte[] value = new byte[payload.length + 1];
        value[0] = codec.id();
        System.arraycopy(payload, 0, value, 1, payload.length);
        return value;
    }

    private @Nullable Duration timeToLive(EntityInfo info, Object entity, String keyspace) {
        Duration own = info.timeToLive(entity);
        return own != null ? own : keyspaceTimeToLive.get(keyspace);
    }

    private Object withId(Object item, Object id) {
        if (mappingContext == null) {
            return item;
        }
        try {
            KeyValuePersistentEntity<?, ?> entity = mappingContext.getPersistentEntity(item.getClass());
            if (entity == null || !entity.hasIdProperty()) {
                return item;
            }
            PersistentProperty<?> idProperty = entity.getRequiredIdProperty();
            PersistentPropertyAccessor<Object> accessor = entity.getPropertyAccessor(item);
            if (accessor.getProperty(idProperty) != null) {
                return item;
            }
            accessor.setProperty(idProperty, id);
            return accessor.getBean();
        } catch (RuntimeException e) {
            logger.debug("could not set id " + id + " on " + item.getClass().getName(), e);
            return item;
        }
    }

    private Set<Key> indexKeys(EntityInfo info, Object entity, String keyspace, byte[] encodedId) {
        Set<Key> keys = new HashSet<>();
        for (EntityInfo.IndexedProperty p : info.indexed()) {
            byte[] pathPrefix = LsmKeys.indexPathPrefix(keyspace, p.path());
            for (Object v : EntityInfo.indexValues(p, entity)) {
                keys.add(new Key(LsmKeys.indexKey(pathPrefix, v, encodedId)));
            }
        }
        return keys;
    }

    private ReentrantLock stripe(byte[] key) {
        return stripes[(Arrays.hashCode(key) & 0x7fffffff) % STRIPES];
    }

    /** The smallest key after {@code key}. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** A byte-array key with value equality. */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /**
     * Iterates a key range in chunks of {@link #CHUNK} entries, each read by a cursor that is
     * closed before the chunk is handed out, so an abandoned iterator holds no engine resources.
     * Each chunk is its own point in time.
     */
    static final class ChunkedScan<T> implements Iterator<T> {
        interface Mapper<T> {
            T map(byte[] key, byte[] value);
        }

        private final LsmEngine engine;
        private final byte @Nullable [] to;
        private final Mapper<T> mapper;
        private byte[] from;
        private List<T> chunk = List.of();
        private int pos;
        private boolean exhausted;

        ChunkedScan(LsmEngine engine, byte[] from, byte @Nullable [] to, Mapper<T> mapper) {
            this.engine = engine;
            this.from = from;
            this.to = to;
            this.mapper = mapper;
        }

        @Override
        public boolean hasNext() {
            if (pos < chunk.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            List<T> next = new ArrayList<>(CHUNK);
            byte[] last = null;
            try (Cursor c = engine.scan(from, to)) {
                while (next.size() < CHUNK && c.next()) {
                    last = c.key();
                    next.add(mapper.map(last, c.value()));
                }
            }
            if (next.size() < CHUNK) {
                exhausted = true;
            } else {
                from = successor(last);
            }
            chunk = next;
            pos = 0;
            return !chunk.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return chunk.get(pos++);
        }
    }

}
