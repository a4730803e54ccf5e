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
 * entity, the meta record that remembers them beside the entity, and the batch operations that
 * move a stored entity's entries to those of its new version.
 *
 * <p>An index entry is named by its <em>suffix</em>, {@code path 0x00 value} (the index key
 * without the keyspace's index prefix and without the id). An entity of a type with
 * {@code @Indexed} properties has a meta record under {@code keyspace 0x00 0x04 id}, written in the
 * same batch and with the same TTL as the entity, listing its suffixes. So an update reads this
 * small record instead of reading and decoding the whole old entity, and a delete knows exactly
 * which index keys to remove, even when the entity class has changed since it was written.
 *
 * <pre>
 * meta := FORMAT(1 byte, = 1) (u16 length, suffix)*
 * </pre>
 * ON-DISK FORMAT: never change FORMAT 1.
 */
final class IndexWriter {

    static final byte META_FORMAT = 1;
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
            if (!p.multiValued() && p.read(entity) == null) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream(p.pathBytes().length + 2);
                buf.writeBytes(p.pathBytes());
                buf.write(LsmKeys.SEPARATOR);
                OrderedCodec.encodeNull(buf);
                out.add(new ByteKey(buf.toByteArray()));
                continue;
            }
            for (Object v : EntityInfo.indexValues(p, entity)) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream(p.pathBytes().length + 16);
                buf.writeBytes(p.pathBytes());
                buf.write(LsmKeys.SEPARATOR);
                OrderedCodec.encode(v, buf);
                out.add(new ByteKey(buf.toByteArray()));
            }
        }
        return out;
    }

    static byte[] encodeMeta(Set<ByteKey> suffixes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + suffixes.size() * 24);
        out.write(META_FORMAT);
        for (ByteKey s : suffixes) {
            byte[] b = s.bytes();
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("an @Indexed value is too large to index: " + b.length
                        + " bytes encoded, at most 65535");
            }
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static Set<ByteKey> decodeMeta(byte[] meta, String keyspace) {
        if (meta.length == 0 || meta[0] != META_FORMAT) {
            throw new IllegalStateException("a meta record of keyspace '" + keyspace + "' has format "
                    + (meta.length == 0 ? "(empty)" : meta[0]) + "; this version reads " + META_FORMAT
                    + ". Was the store written by a newer version of spring-boot-starter-lsm?");
        }
        Set<ByteKey> out = new LinkedHashSet<>();
        int i = 1;
        while (i < meta.length) {
            int len = ((meta[i] & 0xff) << 8) | (meta[i + 1] & 0xff);
            out.add(new ByteKey(Arrays.copyOfRange(meta, i + 2, i + 2 + len)));
            i += 2 + len;
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
     * of stale keys, puts of new ones (all of them when {@code rewriteAll}, which refreshes their
     * TTL), and the meta record, written whenever {@code withMeta} (the entity's type has indexes,
     * even if all its indexed values are null: the record also says the entity exists) and deleted
     * otherwise if there was one.
     */
    static void update(WriteBatch batch, Keyspace ks, byte[] encodedId, Set<ByteKey> old, boolean hadMeta,
            Set<ByteKey> current, boolean withMeta, @Nullable Duration ttl, boolean rewriteAll) {
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
        byte[] metaKey = ks.metaKey(encodedId);
        if (withMeta) {
            put(batch, metaKey, encodeMeta(current), ttl);
        } else if (hadMeta) {
            batch.delete(metaKey);
        }
    }

    /** Adds deletes of every index key in {@code old} and of the meta record. */
    static void remove(WriteBatch batch, Keyspace ks, byte[] encodedId, Set<ByteKey> old) {
        for (ByteKey k : old) {
            batch.delete(indexKey(ks.indexPrefix, k, encodedId));
        }
        batch.delete(ks.metaKey(encodedId));
    }

    static void put(WriteBatch batch, byte[] key, byte[] value, @Nullable Duration ttl) {
        if (ttl == null) {
            batch.put(key, value);
        } else {
            batch.put(key, value, ttl);
        }
    }
}
