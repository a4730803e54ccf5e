package dev.lsmkv.spring.core;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.WriteBatch;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.util.ClassUtils;

/**
 * The keyspaces an adapter has seen: their types, default TTLs and state ({@link Keyspace}), and the
 * reconciliation of what is stored beside the entities with what the code now declares.
 *
 * <p>A keyspace's entity type comes from, in order: the mapping context (the repository's entity
 * class), the class a typed call or a write names, and the keyspace's catalog record when that
 * names a class whose own keyspace is this one. Untyped reads of a keyspace whose type none of
 * these gives fail with an exception saying what to configure, rather than decoding entities as
 * maps and comparing them wrongly.
 *
 * <p>Reconciliation runs once per keyspace, when its type is first known, holding every stripe
 * lock: it compares the catalog record with the type's {@code @Indexed} paths and the keyspace's
 * expiry, then (a) rebuilds every index entry and count in one pass over the entities
 * when the indexed paths changed or the keyspace predates the catalog, logging progress; (b)
 * recounts when counting was off; (c) otherwise loads the {@value Keyspace#STRIPES} counts. The
 * catalog is written last, so a crash part-way repeats the pass at the next start.
 */
final class KeyspaceRegistry {

    private static final Log logger = LogFactory.getLog(KeyspaceRegistry.class);
    private static final int BATCH = 512;
    private static final long PROGRESS_EVERY = 100_000;

    private final LsmEngine engine;
    private final CodecRegistry codecs;
    private final @Nullable KeyValueMappingContext<?, ?> mappingContext;
    /**
     * Keyspace state (locks, counts) belongs to the engine, not to an adapter: two adapters over one
     * engine must take the same locks and add to the same counts, or they would overwrite each
     * other's count keys.
     */
    private static final Map<LsmEngine, Map<String, Keyspace>> BY_ENGINE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final Map<String, Keyspace> keyspaces;
    private final Map<String, Duration> ttls = new ConcurrentHashMap<>();

    KeyspaceRegistry(LsmEngine engine, CodecRegistry codecs, @Nullable KeyValueMappingContext<?, ?> mappingContext) {
        this.engine = engine;
        this.codecs = codecs;
        this.mappingContext = mappingContext;
        this.keyspaces = BY_ENGINE.computeIfAbsent(engine, e -> new ConcurrentHashMap<>());
    }

    /** The keyspace, its type resolved as far as the mapping context and catalog allow. */
    Keyspace get(String name) {
        return get(name, null);
    }

    /** The keyspace, typed with {@code hint} unless the mapping context names its type. */
    Keyspace get(String name, @Nullable Class<?> hint) {
        if (name == null) {
            throw new IllegalArgumentException("keyspace must not be null");
        }
        Keyspace ks = keyspaces.get(name);
        if (ks == null) {
            ks = keyspaces.computeIfAbsent(name, n -> {
                Keyspace k = new Keyspace(n);
                k.defaultTtl = ttls.get(n);
                return k;
            });
        }
        if (!ks.reconciled) {
            Class<?> type = resolveType(name, hint == Object.class ? null : hint);
            if (type != null) {
                reconcile(ks, type);
            }
        }
        return ks;
    }

    /** The keyspace's entity type; fails with what to do when no type is known. */
    Class<?> requireType(Keyspace ks) {
        Class<?> type = ks.type;
        if (type == null) {
            throw new IllegalStateException("the entity type of keyspace '" + ks.name + "' is not known, so its "
                    + "entities cannot be read without a type. Create the adapter with the mapping context that "
                    + "knows the entity (new LsmKeyValueAdapter(engine, codec, mappingContext), as the starter's "
                    + "auto-configuration does), call a typed method first, or register it with "
                    + "LsmKeyValueAdapter.registerKeyspace(\"" + ks.name + "\", Entity.class)");
        }
        return type;
    }

    void setTimeToLive(String keyspace, @Nullable Duration ttl) {
        if (ttl == null) {
            ttls.remove(keyspace);
        } else {
            ttls.put(keyspace, ttl);
        }
        Keyspace ks = keyspaces.get(keyspace);
        if (ks != null) {
            ks.lockAll();
            try {
                ks.defaultTtl = ttl;
                Class<?> type = ks.type;
                if (type != null) {
                    ks.reconciled = false;
                    reconcileLocked(ks, type);
                }
            } finally {
                ks.unlockAll();
            }
        }
    }

    @Nullable Duration timeToLive(String keyspace) {
        return ttls.get(keyspace);
    }

    Iterable<Keyspace> all() {
        return keyspaces.values();
    }

    /** Switches counting off for {@code ks} (an entity with a TTL is about to be written). */
    void stopCounting(Keyspace ks) {
        if (!ks.counted) {
            return;
        }
        ks.lockAll();
        try {
            if (ks.counted) {
                ks.counted = false;
                writeCatalog(new WriteBatch(), ks, false);
            }
        } finally {
            ks.unlockAll();
        }
    }

    /**
     * Marks the persisted counts of a keyspace whose type is not known yet as inexact before a
     * write that cannot keep them (the write does not know whether counting is on), so that the
     * keyspace recounts when its type becomes known.
     */
    void countsWillDrift(Keyspace ks) {
        ks.lockAll();
        try {
            if (ks.reconciled) {
                return;
            }
            KeyspaceCatalog catalog = KeyspaceCatalog.decode(engine.get(ks.catalogKey), ks.name);
            if (catalog != null && catalog.countsExact()) {
                engine.put(ks.catalogKey, new KeyspaceCatalog(catalog.typeName(), false, catalog.nullsIndexed(),
                        catalog.entriesInValues(), catalog.indexedPaths()).encode());
            }
        } finally {
            ks.unlockAll();
        }
    }

    // ------------------------------------------------------------------ types

    private @Nullable Class<?> resolveType(String name, @Nullable Class<?> hint) {
        Class<?> mapped = mappedType(name);
        if (mapped != null) {
            return rootOf(mapped, name);
        }
        if (hint != null) {
            return rootOf(hint, name);
        }
        KeyspaceCatalog catalog = KeyspaceCatalog.decode(engine.get(LsmKeys.catalogKey(name)), name);
        return catalog == null ? null : catalogType(name, catalog.typeName());
    }

    /**
     * The topmost class of {@code type}'s hierarchy whose own keyspace is {@code keyspace}: a
     * {@code Truck} inheriting {@code @KeySpace("vehicles")} from {@code Vehicle} has root
     * {@code Vehicle}, whichever of the two the store meets first.
     */
    static Class<?> rootOf(Class<?> type, String keyspace) {
        Class<?> root = type;
        for (Class<?> c = type.getSuperclass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (keyspace.equals(ownKeyspace(c))) {
                root = c;
            }
        }
        return root;
    }

    private static String ownKeyspace(Class<?> type) {
        KeySpace annotation = AnnotatedElementUtils.findMergedAnnotation(type, KeySpace.class);
        return annotation != null && !annotation.value().isEmpty() ? annotation.value() : type.getName();
    }

    /** The most general mapped entity class whose keyspace is {@code name}. */
    private @Nullable Class<?> mappedType(String name) {
        if (mappingContext == null) {
            return null;
        }
        Class<?> found = null;
        for (KeyValuePersistentEntity<?, ?> e : mappingContext.getPersistentEntities()) {
            if (name.equals(e.getKeySpace()) && (found == null || e.getType().isAssignableFrom(found))) {
                found = e.getType();
            }
        }
        return found;
    }

    /**
     * The class a catalog names, accepted only if that class's own keyspace ({@code @KeySpace} or its
     * name) is this keyspace, so a store's contents cannot make the adapter instantiate other classes.
     */
    private static @Nullable Class<?> catalogType(String keyspace, String typeName) {
        try {
            Class<?> type = ClassUtils.forName(typeName, KeyspaceRegistry.class.getClassLoader());
            return ownKeyspace(type).equals(keyspace) ? type : null;
        } catch (ClassNotFoundException | LinkageError e) {
            logger.debug("keyspace '" + keyspace + "' names class " + typeName + ", which is not loadable", e);
            return null;
        }
    }

    // ------------------------------------------------------------------ reconciliation

    private void reconcile(Keyspace ks, Class<?> type) {
        ks.lockAll();
        try {
            if (!ks.reconciled) {
                reconcileLocked(ks, type);
            }
        } finally {
            ks.unlockAll();
        }
    }

    /** REQUIRES: every stripe lock of {@code ks} held. */
    private void reconcileLocked(Keyspace ks, Class<?> type) {
        EntityInfo info = EntityInfo.of(type);
        ks.type = type;
        ks.info = info;
        // Counts kept in memory are right only while every write passes through this process.
        boolean wantCounts = !ks.expiring() && engine.exclusiveWriter();
        KeyspaceCatalog catalog = KeyspaceCatalog.decode(engine.get(ks.catalogKey), ks.name);
        List<String> paths = info.indexedPaths();
        // a catalog from before null values were indexed and values carried their entries (or with
        // other paths) means a rebuild
        boolean pathsChanged = catalog == null || !catalog.nullsIndexed() || !catalog.entriesInValues()
                || !new HashSet<>(catalog.indexedPaths()).equals(new HashSet<>(paths));
        if (catalog == null && !hasAny(ks.dataPrefix)) {
            clearCounts(ks);
            ks.counted = wantCounts;
            writeCatalog(new WriteBatch(), ks, wantCounts);
        } else if (pathsChanged) {
            rebuild(ks, info, catalog, wantCounts);
        } else if (wantCounts && !catalog.countsExact()) {
            recount(ks);
        } else if (wantCounts) {
            loadCounts(ks);
            ks.counted = true;
            if (!catalog.typeName().equals(type.getName())) {
                writeCatalog(new WriteBatch(), ks, true);
            }
        } else {
            ks.counted = false;
            if (catalog.countsExact() || !catalog.typeName().equals(type.getName())) {
                writeCatalog(new WriteBatch(), ks, false);
            }
        }
        ks.reconciled = true;
        ks.modified();
    }

    /**
     * Drops every index entry and count of {@code ks} and writes them anew from its entities, each
     * entity's value rewritten with its index entries in its header.
     */
    private void rebuild(Keyspace ks, EntityInfo info, @Nullable KeyspaceCatalog catalog, boolean wantCounts) {
        List<String> before = catalog == null ? List.of() : catalog.indexedPaths();
        logger.info("lsm: rebuilding the indexes of keyspace '" + ks.name + "' ("
                + (catalog == null ? "first start with index bookkeeping"
                        : !catalog.nullsIndexed() || !catalog.entriesInValues() ? "index bookkeeping of an earlier version"
                        : "indexed properties were " + before)
                + ", now " + info.indexedPaths() + ")");
        long started = System.nanoTime();
        deleteRange(ks.indexPrefix);
        deleteRange(LsmKeys.retiredPrefix(ks.name)); // kind 0x04, per-entity records of a development version
        deleteRange(ks.countPrefix);
        long[] counts = new long[Keyspace.STRIPES];
        boolean sawTtl = false;
        long n = 0;
        WriteBatch batch = new WriteBatch();
        try (Cursor c = engine.scan(ks.dataPrefix, LsmKeys.prefixEnd(ks.dataPrefix))) {
            while (c.next()) {
                byte[] key = c.key();
                byte[] value = c.value();
                Duration ttl = c.timeToLive();
                byte[] encodedId = java.util.Arrays.copyOfRange(key, ks.dataPrefix.length, key.length);
                Object entity;
                try {
                    entity = codecs.decode(value, ks.type, ks.type);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cannot re-index keyspace '" + ks.name + "': the entity with id "
                            + OrderedCodec.decode(encodedId, 0) + " does not read as " + ks.type.getName() + ": "
                            + e.getMessage(), e);
                }
                EntityInfo own = EntityInfo.of(entity.getClass());
                java.util.Set<ByteKey> entries = own.hasIndexes() ? IndexWriter.entries(own, entity) : null;
                IndexWriter.update(batch, ks, encodedId, java.util.Set.of(), entries == null ? java.util.Set.of() : entries,
                        ttl, true);
                // the value is rewritten with its entries in its header (the payload is kept as it is),
                // in the index keys' batch and with the same TTL, so they expire together; a value
                // without entries, unchanged and never expiring, is left as it is
                byte[] framed = CodecRegistry.withEntries(value, entries);
                if (entries != null || ttl != null || !java.util.Arrays.equals(framed, value)) {
                    IndexWriter.put(batch, key, framed, ttl);
                }
                if (ttl != null) {
                    sawTtl = true;
                } else {
                    counts[Keyspace.stripe(encodedId)]++;
                }
                if (batch.size() >= BATCH) {
                    engine.write(batch);
                    batch = new WriteBatch();
                }
                if (++n % PROGRESS_EVERY == 0) {
                    logger.info("lsm: keyspace '" + ks.name + "': " + n + " entities re-indexed");
                }
            }
        }
        boolean counting = wantCounts && !sawTtl;
        finishCounts(batch, ks, counts, counting);
        logger.info("lsm: keyspace '" + ks.name + "' re-indexed: " + n + " entities in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private void recount(Keyspace ks) {
        long[] counts = new long[Keyspace.STRIPES];
        boolean sawTtl = false;
        try (Cursor c = engine.scan(ks.dataPrefix, LsmKeys.prefixEnd(ks.dataPrefix))) {
            while (c.next()) {
                byte[] key = c.key();
                if (c.timeToLive() != null) {
                    sawTtl = true;
                    break;
                }
                counts[Keyspace.stripe(java.util.Arrays.copyOfRange(key, ks.dataPrefix.length, key.length))]++;
            }
        }
        finishCounts(new WriteBatch(), ks, counts, !sawTtl);
    }

    private void finishCounts(WriteBatch batch, Keyspace ks, long[] counts, boolean counting) {
        if (counting) {
            for (int s = 0; s < Keyspace.STRIPES; s++) {
                batch.put(ks.countKey(s), Keyspace.countValue(counts[s]));
            }
        }
        writeCatalog(batch, ks, counting);
        for (int s = 0; s < Keyspace.STRIPES; s++) {
            ks.counts.set(s, counting ? counts[s] : 0);
        }
        ks.counted = counting;
    }

    private void loadCounts(Keyspace ks) {
        clearCounts(ks);
        try (Cursor c = engine.scan(ks.countPrefix, LsmKeys.prefixEnd(ks.countPrefix))) {
            while (c.next()) {
                byte[] key = c.key();
                ks.counts.set(key[key.length - 1] & 0xff, Keyspace.countOf(c.value()));
            }
        }
    }

    private static void clearCounts(Keyspace ks) {
        for (int s = 0; s < Keyspace.STRIPES; s++) {
            ks.counts.set(s, 0);
        }
    }

    /** Adds the catalog record to {@code batch} and writes it. */
    private void writeCatalog(WriteBatch batch, Keyspace ks, boolean countsExact) {
        Class<?> type = ks.type;
        batch.put(ks.catalogKey, new KeyspaceCatalog(type == null ? "" : type.getName(), countsExact, true, true,
                ks.info.indexedPaths()).encode());
        engine.write(batch);
    }

    private boolean hasAny(byte[] prefix) {
        try (Cursor c = engine.scan(prefix, LsmKeys.prefixEnd(prefix))) {
            return c.next();
        }
    }

    /** Deletes every key starting with {@code prefix}, in batches. */
    void deleteRange(byte[] prefix) {
        byte[] from = prefix;
        byte[] to = LsmKeys.prefixEnd(prefix);
        while (true) {
            WriteBatch batch = new WriteBatch();
            byte[] last = null;
            try (Cursor c = engine.scan(from, to)) {
                while (batch.size() < 4 * BATCH && c.next()) {
                    last = c.key();
                    batch.delete(last);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            engine.write(batch);
            from = ChunkedScan.successor(last);
        }
    }
}
