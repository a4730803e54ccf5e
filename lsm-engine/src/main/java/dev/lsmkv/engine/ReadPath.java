package dev.lsmkv.engine;

import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.KeyHash;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.iterator.ConcatenatingIterator;
import dev.lsmkv.engine.iterator.MergingIterator;
import dev.lsmkv.engine.iterator.UserIterator;
import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads over a pinned {@link ReadView} (LevelDB's DBImpl::Get and NewInternalIterator, Pebble's
 * get_iter.go): a point lookup walks the memtables, then L0 newest first, then one file per
 * level; a scan merges all of them. The caller pins and releases the view.
 *
 * <p>Thread-safety: stateless but for the table cache, which is thread-safe; any thread.
 */
final class ReadPath {

    private final TableCache tableCache;

    ReadPath(TableCache tableCache) {
        this.tableCache = tableCache;
    }

    /** The user value of {@code key} at {@code sequence} in {@code v}, or null (absent, deleted, expired). */
    byte[] get(ReadView v, byte[] key, long sequence, long nowMillis) {
        Entry e = lookup(v, key, sequence);
        if (e == null) {
            return null;
        }
        EntryKind kind = e.kind();
        if (kind == EntryKind.DELETE) {
            return null;
        }
        if (kind == EntryKind.PUT_WITH_TTL) {
            return TtlValue.isExpired(kind, e.value(), nowMillis) ? null : TtlValue.userValue(e.value());
        }
        return e.value(); // the caller's own array (see lookup)
    }

    /**
     * The newest entry of {@code userKey} with sequence &lt;= {@code sequence}, or null. A PUT's
     * value is an array the caller owns: a memtable's is copied by {@link MemTable#getOwned}, a
     * table's is already a copy out of its block, so a get copies a value once.
     */
    private Entry lookup(ReadView v, byte[] userKey, long sequence) {
        byte[] lookupKey = InternalKey.lookupKey(userKey, sequence);
        long hash = KeyHash.of(userKey, 0, userKey.length); // once, for every bloom filter asked
        Entry e = v.mem.getOwned(lookupKey, hash);
        if (e != null) {
            return e;
        }
        for (int i = 0, n = v.imms.size(); i < n; i++) {
            e = v.imms.get(i).getOwned(lookupKey, hash);
            if (e != null) {
                return e;
            }
        }
        Version version = v.version;
        List<FileMetaData> level0 = version.files(0);
        for (int i = 0, n = level0.size(); i < n; i++) { // indexed: no iterator per get
            FileMetaData f = level0.get(i);
            if (InternalKey.compareUserKey(f.smallest(), userKey) <= 0
                    && InternalKey.compareUserKey(f.largest(), userKey) >= 0) {
                e = tableCache.get(f.number(), lookupKey, hash);
                if (e != null) {
                    return e;
                }
            }
        }
        for (int level = 1; level < Version.NUM_LEVELS; level++) {
            FileMetaData f = version.findFile(level, userKey);
            if (f != null && InternalKey.compareUserKey(f.smallest(), userKey) <= 0) {
                e = tableCache.get(f.number(), lookupKey, hash);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * The user entries of {@code v} in [from, to) at {@code sequence}; null bounds are open. On
     * failure every child opened so far is closed; the view stays pinned either way.
     */
    UserIterator scan(ReadView v, byte[] from, byte[] to, long sequence, long nowMillis) {
        List<InternalIterator> children = new ArrayList<>();
        try {
            children.add(v.mem.iterator());
            for (MemTable imm : v.imms) {
                children.add(imm.iterator());
            }
            for (FileMetaData f : v.version.files(0)) {
                if (overlaps(f, from, to)) {
                    children.add(tableCache.iterator(f.number()));
                }
            }
            for (int level = 1; level < Version.NUM_LEVELS; level++) {
                List<FileMetaData> files = v.version.files(level);
                if (!files.isEmpty()) {
                    children.add(levelIterator(files, true));
                }
            }
            return new UserIterator(new MergingIterator(children), sequence, nowMillis, from, to);
        } catch (RuntimeException e) {
            for (InternalIterator it : children) {
                it.close();
            }
            throw e;
        }
    }

    private static boolean overlaps(FileMetaData f, byte[] from, byte[] to) {
        if (from != null && InternalKey.compareUserKey(f.largest(), from) < 0) {
            return false;
        }
        return to == null || InternalKey.compareUserKey(f.smallest(), to) < 0;
    }

    /**
     * A sorted run of files of one level (L1+), opened lazily; {@code fillCache} false for
     * compaction inputs, which would only evict what readers need.
     */
    InternalIterator levelIterator(List<FileMetaData> files, boolean fillCache) {
        List<byte[]> largest = new ArrayList<>(files.size());
        for (FileMetaData f : files) {
            largest.add(f.largest());
        }
        return new ConcatenatingIterator(largest, i -> tableCache.iterator(files.get(i).number(), fillCache));
    }
}
