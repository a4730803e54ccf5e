package dev.lsmkv.spring.core;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.WriteBatch;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.keyvalue.core.AbstractKeyValueAdapter;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.util.CloseableIterator;

/**
 * A Spring Data {@code KeyValueAdapter} that keeps entities in an {@link LsmEngine}.
 *
 * <p>Layout (see {@link LsmKeys} for the bytes): each entity is one key, keyspace + encoded id,
 * so a keyspace is one contiguous range sorted by id; each {@code @Indexed} property value is one
 * more key, keyspace + path + encoded value + encoded id, with an empty value; the value of an entity of
 * an indexed type lists its index entries in its header ({@link CodecRegistry}); a keyspace whose
 * entities never expire keeps its entity count in {@value Keyspace#STRIPES} count keys
 * ({@link Keyspace}); a catalog record says which indexes and counts are complete
 * ({@link KeyspaceRegistry}). An entity, its index entries and its stripe's count
 * are written, rewritten and removed in one {@link WriteBatch} with one TTL, so none of them ever
 * disagrees with the others, not even after a crash. Values are one codec-id byte and the codec's
 * payload ({@link EntityCodec}, Jackson JSON by default).
 *
 * <p>Example: {@code put(7, Person(7, "a@x"), "people")} with {@code @Indexed email} writes, in one batch,
 * {@code people\0\1<7>} = {@code 41 <1 entry: email\0<"a@x">> {"id":7,"email":"a@x"}},
 * {@code people\0\2email\0<"a@x"><7>} = (empty) and, if 7 is new, {@code people\0\3<stripe of 7>} = count + 1.
 *
 * <p>Writes of one id are ordered by a per-keyspace lock stripe; bulk writes ({@link #putAll},
 * {@link #deleteAll(Collection, String)}) take the stripes they need in ascending order and apply
 * up to {@value #BULK_CHUNK} entities as one atomic batch (one WAL record, one fsync).
 *
 * <p>What it is not: {@link #clear()} and {@link #destroy()} do nothing, because Spring Data's
 * {@code KeyValueTemplate} calls {@code clear()} on every context shutdown and this store is
 * meant to outlive the application (Spring Data Redis does the same). The adapter does not own
 * the engine and never closes it. Thread-safe.
 */
public class LsmKeyValueAdapter extends AbstractKeyValueAdapter {

    private static final Log logger = LogFactory.getLog(LsmKeyValueAdapter.class);

    /** Entities per atomic batch of a bulk write; larger calls are applied in chunks of this size. */
    public static final int BULK_CHUNK = 1000;

    private final LsmEngine engine;
    private final CodecRegistry codecs;
    private final KeyspaceRegistry keyspaces;
    private final KeyValueMappingContext<?, ?> mappingContext;
    /**
     * The mapping context's entity of each class written, looked up once: the context's own
     * lookup (a type-information cache, then its entity map) was several percent of a save.
     */
    private final ClassValue<java.util.Optional<KeyValuePersistentEntity<?, ?>>> persistentEntities = new ClassValue<>() {
        @Override
        protected java.util.Optional<KeyValuePersistentEntity<?, ?>> computeValue(Class<?> type) {
            return java.util.Optional.ofNullable(mappingContext.getPersistentEntity(org.springframework.util.ClassUtils.getUserClass(type)));
        }
    };

    /** An adapter over {@code engine} with the JSON codec and no mapping context. */
    public LsmKeyValueAdapter(LsmEngine engine) {
        this(engine, JacksonEntityCodec.json(), null);
    }

    /**
     * An adapter over {@code engine} writing with {@code codec}. With a {@code mappingContext},
     * an entity stored under a generated id gets that id set before it is written (records and
     * other immutable types included), and untyped reads know each keyspace's class.
     */
    public LsmKeyValueAdapter(LsmEngine engine, EntityCodec codec, @Nullable KeyValueMappingContext<?, ?> mappingContext) {
        this(engine, new CodecRegistry(codec), mappingContext);
    }

    private LsmKeyValueAdapter(LsmEngine engine, CodecRegistry codecs, @Nullable KeyValueMappingContext<?, ?> mappingContext) {
        this(engine, codecs, mappingContext, new KeyspaceRegistry(engine, codecs, mappingContext));
    }

    private LsmKeyValueAdapter(LsmEngine engine, CodecRegistry codecs, @Nullable KeyValueMappingContext<?, ?> mappingContext,
            KeyspaceRegistry keyspaces) {
        super(new LsmQueryEngine(engine, codecs, keyspaces));
        this.engine = engine;
        this.codecs = codecs;
        this.keyspaces = keyspaces;
        // without the application's mapping context, one of its own still sets generated ids (records too)
        this.mappingContext = mappingContext != null ? mappingContext : new KeyValueMappingContext<>();
    }

    /** The engine this adapter writes to. */
    public LsmEngine getEngine() {
        return engine;
    }

    /** The codec new values are written with. */
    public EntityCodec getCodec() {
        return codecs.writer();
    }

    /** Adds a codec that values may be read with (one used by an older configuration). */
    public void addReadCodec(EntityCodec readCodec) {
        codecs.addReader(readCodec);
    }

    /**
     * Declares {@code type} as the entity class of {@code keyspace} (what the mapping context says
     * when there is one), and reconciles the keyspace's indexes and counts with it now.
     */
    public void registerKeyspace(String keyspace, Class<?> type) {
        keyspaces.get(keyspace, type);
    }

    /**
     * Reconciles every keyspace the mapping context knows: builds index entries of {@code @Indexed}
     * properties added since the entities were stored, drops those of removed ones, and builds counts
     * (progress is logged). Runs on first use of a keyspace otherwise; the auto-configuration calls it
     * at start-up.
     */
    public void initializeKeyspaces() {
        for (KeyValuePersistentEntity<?, ?> e : mappingContext.getPersistentEntities()) {
            String keyspace = e.getKeySpace();
            if (keyspace != null) {
                keyspaces.get(keyspace, e.getType());
            }
        }
    }

    /**
     * Sets the time to live of entities of {@code keyspace} that have no positive
     * {@code @TimeToLive} value of their own; null or zero removes it.
     */
    public void setKeyspaceTimeToLive(String keyspace, @Nullable Duration ttl) {
        if (ttl != null && ttl.isNegative()) {
            throw new IllegalArgumentException("time to live of keyspace '" + keyspace + "' must not be negative: " + ttl);
        }
        keyspaces.setTimeToLive(keyspace, ttl == null || ttl.isZero() ? null : ttl);
    }

    // ---------------------------------------------------------------- writes

    /** Stores {@code item} under {@code id}; returns the entity stored before, decoded as {@code item}'s class. */
    @Override
    public @Nullable Object put(Object id, Object item, String keyspace) {
        requireArguments(id, item, keyspace);
        return write(keyspace, List.of(Write.put(id, item, false)), item.getClass());
    }

    /**
     * Stores {@code item} under {@code id} unless an entity with that id exists, atomically (the
     * template's contains-then-put is not); returns the entity as stored (its generated id set).
     *
     * @throws DuplicateKeyException if the id exists; nothing is written
     */
    public Object insert(Object id, Object item, String keyspace) {
        requireArguments(id, item, keyspace);
        Write w = Write.put(id, item, true);
        write(keyspace, List.of(w), null);
        return w.entity;
    }

    /** Stores {@code item} under {@code id} without reading back the entity it replaces. */
    public void store(Object id, Object item, String keyspace) {
        requireArguments(id, item, keyspace);
        write(keyspace, List.of(Write.put(id, item, false)), null);
    }

    /**
     * Stores {@code item} under {@code id}; returns the replaced entity's bytes, decoded as
     * {@code item}'s class only if the supplier is asked (an event listener that reads it), or null
     * when there was none.
     */
    @Nullable Supplier<Object> replace(Object id, Object item, String keyspace) {
        requireArguments(id, item, keyspace);
        Write w = Write.put(id, item, false);
        w.captureOld = true;
        write(keyspace, List.of(w), null);
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) item.getClass();
        return lazily(w.oldValue, keyspaces.get(keyspace).type, type);
    }

    /** Deletes {@code id}; returns the deleted entity, decoded only if asked, or null when there was none. */
    <T> @Nullable Supplier<T> deleteLazily(Object id, String keyspace, Class<T> type) {
        requireArguments(id, type, keyspace);
        Write w = Write.delete(id);
        w.captureOld = true;
        write(keyspace, List.of(w), null);
        return lazily(w.oldValue, keyspaces.get(keyspace).type, type);
    }

    private <T> @Nullable Supplier<T> lazily(byte @Nullable [] bytes, @Nullable Class<?> root, Class<T> type) {
        if (bytes == null) {
            return null;
        }
        return new Supplier<>() {
            private @Nullable T value;

            @Override
            public T get() {
                if (value == null) {
                    value = codecs.decode(bytes, root, type);
                }
                return value;
            }
        };
    }

    /**
     * Stores each entity under its id; entries flagged as inserts fail the whole chunk with a
     * {@link DuplicateKeyException} if their id exists. Applied in atomic batches of
     * {@value #BULK_CHUNK}: a failure leaves earlier chunks written and the failing one not.
     * Returns the entities as stored (generated ids set).
     */
    public List<Object> putAll(List<? extends Map.Entry<Object, Object>> entities, List<Boolean> inserts, String keyspace) {
        return putAll(entities, inserts, keyspace, null);
    }

    /**
     * As {@link #putAll(List, List, String)}; when {@code previous} is not null, adds for each entity
     * the entity it replaced (decoded only if asked) or null, for {@code AfterUpdateEvent}s.
     */
    List<Object> putAll(List<? extends Map.Entry<Object, Object>> entities, List<Boolean> inserts, String keyspace,
            @Nullable List<@Nullable Supplier<Object>> previous) {
        if (keyspace == null) {
            throw new IllegalArgumentException("keyspace must not be null");
        }
        List<Object> stored = new ArrayList<>(entities.size());
        for (int from = 0; from < entities.size(); from += BULK_CHUNK) {
            int to = Math.min(entities.size(), from + BULK_CHUNK);
            List<Write> chunk = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                Map.Entry<Object, Object> e = entities.get(i);
                requireArguments(e.getKey(), e.getValue(), keyspace);
                Write w = Write.put(e.getKey(), e.getValue(), inserts.get(i));
                w.captureOld = previous != null && !inserts.get(i);
                chunk.add(w);
            }
            write(keyspace, chunk, null);
            Class<?> root = keyspaces.get(keyspace).type;
            for (Write w : chunk) {
                stored.add(w.entity);
                if (previous != null) {
                    @SuppressWarnings("unchecked")
                    Class<Object> type = (Class<Object>) w.entity.getClass();
                    previous.add(lazily(w.oldValue, root, type));
                }
            }
        }
        return stored;
    }

    @Override
    public @Nullable Object delete(Object id, String keyspace) {
        requireArguments(id, "", keyspace);
        Keyspace ks = keyspaces.get(keyspace);
        return write(keyspace, List.of(Write.delete(id)), contains(id, keyspace) ? keyspaces.requireType(ks) : null);
    }

    @Override
    public <T> @Nullable T delete(Object id, String keyspace, Class<T> type) {
        requireArguments(id, type, keyspace);
        return type.cast(write(keyspace, List.of(Write.delete(id)), type));
    }

    /** Deletes the entity {@code id} without reading it back; true iff there was one. */
    public boolean remove(Object id, String keyspace) {
        requireArguments(id, "", keyspace);
        Write w = Write.delete(id);
        write(keyspace, List.of(w), null);
        return w.existed;
    }

    /** Deletes the entities {@code ids}, in atomic batches of {@value #BULK_CHUNK}. */
    public void deleteAll(Collection<?> ids, String keyspace) {
        deleteAll(ids, keyspace, null, null);
    }

    /**
     * As {@link #deleteAll(Collection, String)}; when {@code deleted} is not null, adds for each id
     * the entity deleted (decoded as {@code type} only if asked) or null, for {@code AfterDeleteEvent}s.
     */
    <T> void deleteAll(Collection<?> ids, String keyspace, @Nullable Class<T> type,
            @Nullable List<@Nullable Supplier<T>> deleted) {
        if (keyspace == null || ids == null) {
            throw new IllegalArgumentException("ids and keyspace must not be null");
        }
        List<Write> chunk = new ArrayList<>();
        for (Object id : ids) {
            requireArguments(id, "", keyspace);
            Write w = Write.delete(id);
            w.captureOld = deleted != null;
            chunk.add(w);
            if (chunk.size() == BULK_CHUNK) {
                deleteChunk(keyspace, chunk, type, deleted);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            deleteChunk(keyspace, chunk, type, deleted);
        }
    }

    private <T> void deleteChunk(String keyspace, List<Write> chunk, @Nullable Class<T> type,
            @Nullable List<@Nullable Supplier<T>> deleted) {
        write(keyspace, chunk, null);
        if (deleted != null) {
            Class<?> root = keyspaces.get(keyspace).type;
            for (Write w : chunk) {
                deleted.add(lazily(w.oldValue, root, type));
            }
        }
    }

    /**
     * Deletes every entity of {@code keyspace} with its index entries, in atomic batches of
     * {@value #BULK_CHUNK} entities, each under the keyspace's stripe locks: a save racing the
     * call either lands before its entity's batch (and is deleted whole) or after (and stays whole).
     */
    @Override
    public void deleteAllOf(String keyspace) {
        Keyspace ks = keyspaces.get(keyspace);
        byte[] from = ks.dataPrefix;
        byte[] to = LsmKeys.prefixEnd(ks.dataPrefix);
        while (true) {
            List<Write> chunk = new ArrayList<>(BULK_CHUNK);
            byte[] last = null;
            try (Cursor c = engine.scan(from, to)) {
                while (chunk.size() < BULK_CHUNK && c.next()) {
                    last = c.key();
                    chunk.add(Write.deleteEncoded(java.util.Arrays.copyOfRange(last, ks.dataPrefix.length, last.length)));
                }
            }
            if (chunk.isEmpty()) {
                return;
            }
            write(keyspace, chunk, null);
            from = ChunkedScan.successor(last);
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

    /** One entity write of a batch; {@code entity} is null for a delete. Filled in by {@link #write}. */
    private static final class Write {
        final @Nullable Object id;
        @Nullable Object entity;
        final boolean insertOnly;
        byte[] encodedId;
        boolean existed;
        boolean captureOld;
        byte @Nullable [] oldValue;

        private Write(@Nullable Object id, @Nullable Object entity, boolean insertOnly, byte @Nullable [] encodedId) {
            this.id = id;
            this.entity = entity;
            this.insertOnly = insertOnly;
            this.encodedId = encodedId == null ? OrderedCodec.encode(id) : encodedId;
        }

        static Write put(Object id, Object entity, boolean insertOnly) {
            return new Write(id, entity, insertOnly, null);
        }

        static Write delete(Object id) {
            return new Write(id, null, false, null);
        }

        static Write deleteEncoded(byte[] encodedId) {
            return new Write(null, null, false, encodedId);
        }
    }

    /** What is stored for an id, as far as a write needs to know. */
    private record Stored(boolean exists, Set<ByteKey> entries, byte @Nullable [] value) {
        static final Stored ABSENT = new Stored(false, Set.of(), null);
    }

    /**
     * Applies {@code writes} to {@code keyspace} as one atomic batch, holding the lock stripes of
     * their ids. Returns the entity the first write replaced, decoded as {@code previousType}, when
     * that is not null (else null, and nothing is decoded).
     */
    private @Nullable Object write(String keyspace, List<Write> writes, @Nullable Class<?> previousType) {
        Keyspace ks = keyspaces.get(keyspace, writes.get(0).entity == null ? null : writes.get(0).entity.getClass());
        // Values are encoded before any lock is taken: codec work never holds up writers of other ids.
        int n = writes.size();
        byte[][] values = new byte[n][];
        Duration[] ttls = new Duration[n];
        EntityInfo[] infos = new EntityInfo[n];
        List<Set<ByteKey>> newEntries = new ArrayList<>(n);
        boolean anyTtl = false;
        for (int i = 0; i < n; i++) {
            Write w = writes.get(i);
            newEntries.add(Set.of());
            if (w.entity != null) {
                w.entity = withId(w.entity, w.id);
                infos[i] = EntityInfo.of(w.entity.getClass());
                Set<ByteKey> entries = infos[i].hasIndexes() ? IndexWriter.entries(infos[i], w.entity) : null;
                newEntries.set(i, entries == null ? Set.of() : entries);
                values[i] = codecs.encode(w.entity, ks.type, entries);
                Duration own = infos[i].timeToLive(w.entity);
                ttls[i] = own != null ? own : ks.defaultTtl;
                anyTtl |= ttls[i] != null;
            }
        }
        if (anyTtl && ks.counted) {
            keyspaces.stopCounting(ks);
        }
        if (!ks.reconciled) {
            // a write before the keyspace's type is known (an untyped delete) cannot keep counts
            keyspaces.countsWillDrift(ks);
        }
        // one write (a save) takes its one stripe; a bulk write takes its stripes in ascending order
        int[] stripeOf = new int[n];
        boolean[] stripes = n == 1 ? null : new boolean[Keyspace.STRIPES];
        for (int i = 0; i < n; i++) {
            stripeOf[i] = Keyspace.stripe(writes.get(i).encodedId);
            if (stripes != null) {
                stripes[stripeOf[i]] = true;
            }
        }
        if (stripes == null) {
            ks.lock(stripeOf[0]).lock();
        } else {
            ks.lock(stripes);
        }
        try {
            boolean counted = ks.counted;
            // an unreconciled keyspace may hold indexed entities: read them, so no index entry is left behind
            boolean keyspaceIndexed = ks.info.hasIndexes() || !ks.reconciled;
            long[] delta = counted ? new long[n == 1 ? 1 : Keyspace.STRIPES] : null;
            Map<ByteKey, Stored> pending = n > 1 ? new HashMap<>() : null;
            WriteBatch batch = new WriteBatch();
            Object previous = null;
            for (int i = 0; i < n; i++) {
                Write w = writes.get(i);
                boolean indexed = keyspaceIndexed || (infos[i] != null && infos[i].hasIndexes());
                boolean wantPrevious = i == 0 && previousType != null;
                byte[] dataKey = ks.dataKey(w.encodedId);
                ByteKey idKey = pending == null ? null : new ByteKey(w.encodedId);
                Stored stored = pending == null ? null : pending.get(idKey);
                if (stored == null) {
                    boolean needRead = indexed || counted || w.insertOnly || w.entity == null || w.captureOld || wantPrevious;
                    stored = needRead ? read(ks, dataKey) : Stored.ABSENT;
                }
                w.existed = stored.exists;
                if ((wantPrevious || w.captureOld) && stored.exists) {
                    w.oldValue = stored.value;
                    if (wantPrevious) {
                        previous = codecs.decode(stored.value, ks.type, previousType);
                    }
                }
                if (w.insertOnly && stored.exists) {
                    throw new DuplicateKeyException("Cannot insert existing object with id " + w.id
                            + " into keyspace '" + keyspace + "'; use update (save of an entity that is not new)");
                }
                Stored now;
                if (w.entity == null) {
                    if (!stored.exists) {
                        continue;
                    }
                    IndexWriter.remove(batch, ks, w.encodedId, stored.entries);
                    batch.delete(dataKey);
                    now = Stored.ABSENT;
                } else {
                    Set<ByteKey> entries = newEntries.get(i);
                    // In a keyspace that never expires, unchanged index keys carry no TTL to refresh.
                    boolean rewriteAll = ttls[i] != null || !counted;
                    IndexWriter.update(batch, ks, w.encodedId, stored.entries, entries, ttls[i], rewriteAll);
                    IndexWriter.put(batch, dataKey, values[i], ttls[i]);
                    now = new Stored(true, entries, values[i]);
                }
                if (delta != null && stored.exists != now.exists) {
                    delta[n == 1 ? 0 : stripeOf[i]] += now.exists ? 1 : -1;
                }
                if (pending != null) {
                    pending.put(idKey, now);
                }
            }
            if (delta != null) {
                for (int d = 0; d < delta.length; d++) {
                    if (delta[d] != 0) {
                        int s = n == 1 ? stripeOf[0] : d;
                        batch.put(ks.countKey(s), Keyspace.countValue(ks.counts.get(s) + delta[d]));
                    }
                }
            }
            if (!batch.isEmpty()) {
                engine.write(batch);
                if (delta != null) {
                    for (int d = 0; d < delta.length; d++) {
                        if (delta[d] != 0) {
                            ks.counts.addAndGet(n == 1 ? stripeOf[0] : d, delta[d]);
                        }
                    }
                }
                ks.modified();
            }
            return previous;
        } finally {
            if (stripes == null) {
                ks.lock(stripeOf[0]).unlock();
            } else {
                ks.unlock(stripes);
            }
        }
    }

    /**
     * What is stored under {@code dataKey}: whether an entity exists, its index entries (from its
     * value's header; decoded from the entity only for a value written before values carried them)
     * and its bytes.
     */
    private Stored read(Keyspace ks, byte[] dataKey) {
        byte[] value = engine.get(dataKey);
        if (value == null) {
            return Stored.ABSENT;
        }
        Set<ByteKey> entries = CodecRegistry.entries(value);
        if (entries == null && ks.type != null && ks.info.hasIndexes()) {
            Object old = codecs.decode(value, ks.type, Object.class);
            entries = old == null ? Set.of() : IndexWriter.entries(EntityInfo.of(old.getClass()), old);
        }
        return new Stored(true, entries == null ? Set.of() : entries, value);
    }

    private static void requireArguments(@Nullable Object id, @Nullable Object item, @Nullable String keyspace) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        if (item == null) {
            throw new IllegalArgumentException("the entity (or type) must not be null");
        }
        if (keyspace == null) {
            throw new IllegalArgumentException("keyspace must not be null");
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public @Nullable Object get(Object id, String keyspace) {
        requireArguments(id, "", keyspace);
        Keyspace ks = keyspaces.get(keyspace);
        byte[] value = engine.get(ks.dataKeyOf(id));
        return value == null ? null : codecs.decode(value, ks.type, keyspaces.requireType(ks));
    }

    @Override
    public <T> @Nullable T get(Object id, String keyspace, Class<T> type) {
        requireArguments(id, type, keyspace);
        Keyspace ks = keyspaces.get(keyspace, type);
        byte[] value = engine.get(ks.dataKeyOf(id));
        return value == null ? null : codecs.decode(value, ks.type, type);
    }

    @Override
    public boolean contains(Object id, String keyspace) {
        requireArguments(id, "", keyspace);
        return engine.get(keyspaces.get(keyspace).dataKeyOf(id)) != null;
    }

    @Override
    public Iterable<Object> getAllOf(String keyspace) {
        Keyspace ks = keyspaces.get(keyspace);
        // the type is needed only once there is an entity to read: an empty keyspace is empty
        return () -> new ChunkedScan<>(engine, ks.dataPrefix, LsmKeys.prefixEnd(ks.dataPrefix),
                (k, v) -> codecs.decode(v, ks.type, keyspaces.requireType(ks)));
    }

    @Override
    public <T> Iterable<T> getAllOf(String keyspace, Class<T> type) {
        Keyspace ks = keyspaces.get(keyspace, type);
        byte[] prefix = ks.dataPrefix;
        return () -> new ChunkedScan<>(engine, prefix, LsmKeys.prefixEnd(prefix), (k, v) -> codecs.decode(v, ks.type, type));
    }

    @Override
    public CloseableIterator<Map.Entry<Object, Object>> entries(String keyspace) {
        Keyspace ks = keyspaces.get(keyspace);
        return entries(ks, null);
    }

    @Override
    public <T> CloseableIterator<Map.Entry<Object, T>> entries(String keyspace, Class<T> type) {
        return entries(keyspaces.get(keyspace, type), type);
    }

    private <T> CloseableIterator<Map.Entry<Object, T>> entries(Keyspace ks, @Nullable Class<T> requested) {
        byte[] prefix = ks.dataPrefix;
        ChunkedScan<Map.Entry<Object, T>> scan = new ChunkedScan<>(engine, prefix, LsmKeys.prefixEnd(prefix), (k, v) -> {
            @SuppressWarnings("unchecked")
            Class<T> type = requested != null ? requested : (Class<T>) keyspaces.requireType(ks);
            T entity = codecs.decode(v, ks.type, type);
            return entity == null ? null : new AbstractMap.SimpleImmutableEntry<>(idOf(k, prefix.length, type), entity);
        });
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

    /**
     * The number of live entities in {@code keyspace}: the sum of its stripe counts when its
     * entities never expire, else one pass over its keys.
     */
    @Override
    public long count(String keyspace) {
        Keyspace ks = keyspaces.get(keyspace);
        if (ks.counted) {
            return ks.count();
        }
        long n = 0;
        try (Cursor c = engine.scan(ks.dataPrefix, LsmKeys.prefixEnd(ks.dataPrefix))) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The entities matching {@code query} as a lazy stream over one engine snapshot: in source order
     * (unsorted, or by id where key order is id order) nothing is held but the current entity; other
     * sorts are materialised (bounded by the query's rows). Close the stream to release the snapshot
     * early (it is released when the stream is exhausted).
     */
    public <T> java.util.stream.Stream<T> stream(KeyValueQuery<?> query, String keyspace, Class<T> type) {
        return ((LsmQueryEngine) getQueryEngine()).stream(query.getCriteria(), query.getSort(), query.getOffset(),
                query.getRows(), keyspace, type);
    }

    /** True iff an entity matches {@code query}; stops at the first match. */
    @Override
    public boolean exists(KeyValueQuery<?> query, String keyspace) {
        return ((LsmQueryEngine) getQueryEngine()).exists(query.getCriteria(), keyspace, null);
    }

    /** True iff a {@code type} matches {@code query} (a subtype repository's derived {@code existsBy}). */
    public boolean exists(KeyValueQuery<?> query, String keyspace, Class<?> type) {
        return ((LsmQueryEngine) getQueryEngine()).exists(query.getCriteria(), keyspace, type);
    }

    /** The number of {@code type}s matching {@code query} (a subtype repository's derived {@code countBy}). */
    public long count(KeyValueQuery<?> query, String keyspace, Class<?> type) {
        return ((LsmQueryEngine) getQueryEngine()).count(query.getCriteria(), keyspace, type);
    }

    // ---------------------------------------------------------------- helpers

    /** The id encoded at {@code offset} of {@code key}, as the entity's id type (an Integer id as Integer). */
    private static Object idOf(byte[] key, int offset, Class<?> type) {
        Object id = OrderedCodec.decode(key, offset);
        Class<?> idType = IdProperties.type(type);
        if (idType == null || OrderedCodec.box(idType).isInstance(id)) {
            return id;
        }
        org.springframework.core.convert.ConversionService conversion =
                org.springframework.core.convert.support.DefaultConversionService.getSharedInstance();
        Class<?> target = OrderedCodec.box(idType);
        return conversion.canConvert(id.getClass(), target) ? conversion.convert(id, target) : id;
    }

    private Object withId(Object item, @Nullable Object id) {
        if (id == null) {
            return item;
        }
        try {
            return withId(persistentEntities.get(item.getClass()).orElse(null), item, id);
        } catch (RuntimeException e) {
            logger.debug("could not set id " + id + " on " + item.getClass().getName(), e);
            return item;
        }
    }

    /**
     * {@code entity} with its id property set to {@code id} if that was null: the same object, or a
     * new instance for records and other immutable types. The one place the store sets ids (the
     * adapter for entities given to it directly, {@link LsmKeyValueTemplate} for generated ones).
     */
    static Object withId(org.springframework.data.mapping.context.MappingContext<? extends KeyValuePersistentEntity<?, ?>, ?> context,
            Object entity, Object id) {
        return withId(context.getPersistentEntity(org.springframework.util.ClassUtils.getUserClass(entity)), entity, id);
    }

    private static Object withId(@Nullable KeyValuePersistentEntity<?, ?> persistentEntity, Object entity, Object id) {
        if (persistentEntity == null || !persistentEntity.hasIdProperty()) {
            return entity;
        }
        PersistentProperty<?> idProperty = persistentEntity.getRequiredIdProperty();
        PersistentPropertyAccessor<Object> accessor = persistentEntity.getPropertyAccessor(entity);
        if (accessor.getProperty(idProperty) != null) {
            return entity;
        }
        accessor.setProperty(idProperty, id);
        return accessor.getBean();
    }
}
