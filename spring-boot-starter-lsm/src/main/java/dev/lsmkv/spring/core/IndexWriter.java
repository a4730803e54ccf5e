package dev.lsmkv.spring.core;

import dev.lsmkv.engine.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Index upkeep (the counterpart of Spring Data Redis's IndexWriter): the index entries of an
 * entity and the batch operations that move a stored entity's entries to those of its new version.
 *
 * <p>An index entry is named by its <em>suffix</em>, {@code path 0x00 value} (the index key
 * without the keyspace's index prefix and without the id). A value of a type with {@code @Indexed}
 * properties carries its suffixes in its header ({@link CodecRegistry}), written in the same batch
 * and with the same TTL as its index keys, so an update or a delete knows exactly which index keys
 * to remove from the value it reads, without decoding it, even when the entity class has changed
 * since it was written.
 */
final class IndexWriter {

    private static final byte[] EMPTY = new byte[0];

    private IndexWriter() {
    }

    /**
     * The distinct index suffixes of {@code entity} under {@code info}'s indexed properties. A null
     * single-valued property has an entry too (the NULL encoding, first in the index), so that every
     * entity appears in the index of such a property exactly once: a sort by it can stream the index.
     */
    static Set<ByteKey> entries(EntityInfo info, Object entity) {
        Set<ByteKey> out = new LinkedHashSet<>();
        for (EntityInfo.IndexedProperty p : info.indexed()) {
            if (!p.multiValued()) {
                Object value = p.read(entity);
                if (value == null) {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream(p.entryPrefix().length + 1);
                    buf.writeBytes(p.entryPrefix());
                    OrderedCodec.encodeNull(buf);
                    out.add(new ByteKey(buf.toByteArray()));
                    continue;
                }
                if (!(value instanceof java.util.Collection<?>) && !(value instanceof Object[])) {
                    out.add(new ByteKey(OrderedCodec.encodeAfter(p.entryPrefix(), value)));
                    continue;
                }
                // a collection held by a property declared as a single value: its elements, as below
            }
            for (Object v : EntityInfo.indexValues(p, entity)) {
                out.add(new ByteKey(OrderedCodec.encodeAfter(p.entryPrefix(), v)));
            }
        }
        return out;
    }

    /** The index key of {@code suffix} for the entity {@code encodedId}. */
    static byte[] indexKey(byte[] indexPrefix, ByteKey suffix, byte[] encodedId) {
        byte[] s = suffix.bytes();
        byte[] key = Arrays.copyOf(indexPrefix, indexPrefix.length + s.length + encodedId.length);
        System.arraycopy(s, 0, key, indexPrefix.length, s.length);
        System.arraycopy(encodedId, 0, key, indexPrefix.length + s.length, encodedId.length);
        return key;
    }

    /**
     * Adds to {@code batch} what turns the stored entries {@code old} into {@code current}: deletes
     * of stale keys and puts of new ones (all of them when {@code rewriteAll}, which refreshes their TTL).
     */
    static void update(WriteBatch batch, Keyspace ks, byte[] encodedId, Set<ByteKey> old, Set<ByteKey> current,
            @Nullable Duration ttl, boolean rewriteAll) {
        for (ByteKey stale : old) {
            if (!current.contains(stale)) {
                batch.delete(indexKey(ks.indexPrefix, stale, encodedId));
            }
        }
        for (ByteKey k : current) {
            if (rewriteAll || !old.contains(k)) {
                put(batch, indexKey(ks.indexPrefix, k, encodedId), EMPTY, ttl);
            }
        }
    }

    /** Adds deletes of every index key in {@code old}. */
    static void remove(WriteBatch batch, Keyspace ks, byte[] encodedId, Set<ByteKey> old) {
        for (ByteKey k : old) {
            batch.delete(indexKey(ks.indexPrefix, k, encodedId));
        }
    }

    static void put(WriteBatch batch, byte[] key, byte[] value, @Nullable Duration ttl) {
        if (ttl == null) {
            batch.put(key, value);
        } else {
            batch.put(key, value, ttl);
        }
    }
}
