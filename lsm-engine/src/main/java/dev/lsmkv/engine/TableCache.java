package dev.lsmkv.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.sstable.TableReader;
import dev.lsmkv.engine.sstable.TableStats;
import dev.lsmkv.engine.util.RefCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Open SSTable readers (file handle, parsed index, filter and properties), at most
 * {@code maxOpenFiles} of them, least recently used evicted.
 *
 * <p>Thread-safe. A reader is reference-counted: the cache holds one reference and each user one
 * more, so a reader evicted (or dropped because its file became obsolete) while a get or an
 * iterator still uses it is closed only when that user releases it.
 */
final class TableCache implements AutoCloseable {

    private final Path dir;
    private final Vfs fs;
    private final BlockCache blockCache;
    private final TableStats tableStats;
    /** Whether tables are opened through a memory mapping ({@link EngineOptions#mmapReads()}). */
    private final boolean mmapReads;
    private final Cache<Long, Handle> readers;
    /** {@link #load}, made once: a method reference per lookup would allocate on every get. */
    private final java.util.function.Function<Long, Handle> loader = this::load;

    TableCache(Path dir, Vfs fs, int maxOpenFiles, boolean mmapReads, BlockCache blockCache, TableStats tableStats) {
        this.dir = dir;
        this.mmapReads = mmapReads;
        this.fs = fs;
        this.blockCache = blockCache;
        this.tableStats = tableStats;
        this.readers = Caffeine.newBuilder()
                .maximumSize(maxOpenFiles)
                .executor(Runnable::run)
                .<Long, Handle>removalListener((number, handle, cause) -> {
                    if (handle != null) {
                        handle.release();
                    }
                })
                .build();
    }

    /** A reference-counted open reader. */
    static final class Handle {
        final TableReader reader;
        private final RefCount refs = new RefCount();

        Handle(TableReader reader) {
            this.reader = reader;
        }

        boolean tryAcquire() {
            return refs.tryRetain();
        }

        void release() {
            if (refs.release()) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // Closing a read-only handle loses nothing.
                }
            }
        }
    }

    /** The reader of table {@code number}, acquired: the caller must {@link Handle#release()} it. */
    Handle acquire(long number) {
        while (true) {
            Handle h;
            try {
                h = readers.get(number, loader);
            } catch (UncheckedIOException e) {
                throw new LsmException("cannot open SSTable " + FileNames.tableFile(dir, number) + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
            if (h.tryAcquire()) {
                return h;
            }
            readers.asMap().remove(number, h);
        }
    }

    private Handle load(long number) {
        Path path = FileNames.tableFile(dir, number);
        try {
            // Mapped: a reader is closed only after its last user released it, so no read is in
            // flight when the mapping is released (Vfs#openMapped's requirement).
            ReadableFile file = mmapReads ? fs.openMapped(path) : fs.openReadable(path);
            return new Handle(TableReader.open(file, path, number, blockCache, tableStats));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Point lookup in one table: the first entry &gt;= lookupKey with the same user key, or null.
     * {@code userKeyHash} is the {@link dev.lsmkv.engine.base.KeyHash} of that user key.
     */
    Entry get(long number, byte[] lookupKey, long userKeyHash) {
        Handle h = acquire(number);
        try {
            return h.reader.get(lookupKey, userKeyHash);
        } catch (IOException e) {
            throw new LsmException("I/O error reading SSTable " + h.reader.path() + ": " + e.getMessage(), e);
        } finally {
            h.release();
        }
    }

    /** An iterator over one table that holds the reader until closed; blocks read go into the block cache. */
    InternalIterator iterator(long number) {
        return iterator(number, true);
    }

    /** As {@link #iterator(long)}; {@code fillCache} false for compaction inputs (see TableReader#iterator(boolean)). */
    InternalIterator iterator(long number, boolean fillCache) {
        Handle h = acquire(number);
        InternalIterator it;
        try {
            it = h.reader.iterator(fillCache);
        } catch (RuntimeException e) {
            h.release();
            throw e;
        }
        return new InternalIterator() {
            private boolean closed;

            @Override public boolean isValid() { return it.isValid(); }
            @Override public void seekToFirst() { it.seekToFirst(); }
            @Override public void seek(byte[] key) { it.seek(key); }
            @Override public void next() { it.next(); }
            @Override public byte[] key() { return it.key(); }
            @Override public byte[] value() { return it.value(); }
            @Override public boolean valueIsFresh() { return it.valueIsFresh(); }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    try {
                        it.close();
                    } finally {
                        h.release();
                    }
                }
            }
        };
    }

    /** Drops the reader of a deleted table (closed once its last user releases it). */
    void evict(long number) {
        readers.invalidate(number);
    }

    @Override
    public void close() {
        readers.invalidateAll();
        readers.cleanUp();
    }
}
