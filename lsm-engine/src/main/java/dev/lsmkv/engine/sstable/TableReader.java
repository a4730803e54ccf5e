package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.base.Entry;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.KeyHash;
import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.fs.ReadableFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An open SSTable: its footer, index, filter and properties read and verified once, data
 * blocks read on demand through the shared {@link BlockCache}. The format is drawn in
 * {@link TableBuilder} and docs/file-formats.md ("SSTable").
 *
 * <p>Thread-safe: any number of threads may call {@link #get} and create iterators (each
 * iterator is used by one thread). The reader does not count its users; the table cache does,
 * and closes the reader after its last user.
 *
 * <p>Every block read from disk is checksum-verified before use; a block found in the cache is
 * not verified again. Any damage is a {@link CorruptionException} naming the file, never wrong
 * data and never another exception type. I/O errors from the file are IOExceptions from
 * {@link #open} and {@link #get}, and {@link LsmException}s from iterators.
 */
public final class TableReader implements java.io.Closeable {

    private final ReadableFile file;
    private final Path path;
    private final long fileNumber;
    private final long fileSize;
    private final BlockCache cache;
    private final TableStats stats;
    private final IndexBlock index;
    private final BloomFilter filter;
    private final TableProperties properties;
    /** Data blocks (with trailers) lie in [0, dataLimit). */
    private final long dataLimit;

    private TableReader(ReadableFile file, Path path, long fileNumber, BlockCache cache, TableStats stats,
            Footer footer, Block index, BloomFilter filter, TableProperties properties) {
        this.file = file;
        this.path = path;
        this.fileNumber = fileNumber;
        this.fileSize = file.size();
        this.cache = cache;
        this.stats = stats;
        this.filter = filter;
        this.properties = properties;
        long limit = footer.properties().offset();
        if (footer.filter().size() > 0) {
            limit = Math.min(limit, footer.filter().offset());
        }
        this.dataLimit = Math.min(limit, footer.index().offset());
        this.index = IndexBlock.decode(index, dataLimit, path);
    }

    /** Reads and verifies footer, index, filter and properties. cache and stats may be null. Closes `file` on failure. */
    public static TableReader open(ReadableFile file, Path path, long fileNumber, BlockCache cache, TableStats stats)
            throws IOException {
        boolean ok = false;
        try {
            long size = file.size();
            if (size < Footer.SIZE) {
                throw new CorruptionException(path, "file of " + size + " bytes is shorter than the " + Footer.SIZE
                        + "-byte footer (truncated?)");
            }
            byte[] f = new byte[Footer.SIZE];
            file.readFully(size - Footer.SIZE, f, 0, Footer.SIZE);
            if (stats != null) {
                stats.recordRead(Footer.SIZE, false);
            }
            Footer footer = Footer.decode(f, size, path);
            Block index = new Block(readVerified(file, path, stats, footer.index(), "index"));
            BloomFilter filter = footer.filter().size() == 0 ? null
                    : BloomFilter.decode(readVerified(file, path, stats, footer.filter(), "filter"));
            TableProperties props = PropertiesBlock.decode(readVerified(file, path, stats, footer.properties(),
                    "properties"));
            TableReader reader = new TableReader(file, path, fileNumber, cache, stats, footer, index, filter, props);
            ok = true;
            return reader;
        } catch (CorruptionException e) {
            throw e.inFile(path);
        } catch (RuntimeException e) {
            if (e instanceof LsmException) {
                throw e;
            }
            throw new CorruptionException(path, "malformed table: " + e, e);
        } finally {
            if (!ok) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // The open failed already; that is the error to report.
                }
            }
        }
    }

    /** Reads the stored block {@code h} (bounds already checked), verifies and uncompresses it. */
    private static byte[] readVerified(ReadableFile file, Path path, TableStats stats, BlockHandle h, String what)
            throws IOException {
        byte[] stored = new byte[(int) h.size() + BlockIo.TRAILER_SIZE];
        file.readFully(h.offset(), stored, 0, stored.length);
        if (stats != null) {
            stats.recordRead(stored.length, true);
        }
        try {
            return BlockIo.unframe(stored, h.offset());
        } catch (CorruptionException e) {
            throw new CorruptionException(path, what + " " + e.getMessage(), e);
        }
    }

    /**
     * Data block {@code i} of the index, through the cache. On a miss the block is read from
     * disk: through {@code readahead}'s window when it is not null (a scan moving forward), else
     * on its own into a per-thread scratch buffer; either way verified and parsed before it is
     * cached (iff {@code fillCache}) or returned.
     */
    Block dataBlock(int i, Readahead readahead, boolean fillCache) throws IOException {
        long offset = index.offset(i);
        if (cache != null) {
            Block cached = (Block) cache.get(fileNumber, offset);
            if (cached != null) {
                return cached; // verified and parsed when it was read
            }
        }
        int stored = index.blockSize(i) + BlockIo.TRAILER_SIZE;
        byte[] contents;
        try {
            if (readahead != null) {
                contents = readahead.read(this, offset, stored);
            } else {
                byte[] buf = SCRATCH.get();
                if (buf.length < stored) {
                    buf = new byte[Math.max(stored, 2 * buf.length)];
                    if (buf.length <= MAX_SCRATCH) {
                        SCRATCH.set(buf);
                    }
                }
                file.readFully(offset, buf, 0, stored);
                if (stats != null) {
                    stats.recordRead(stored, true);
                }
                contents = BlockIo.unframe(buf, 0, stored, offset);
            }
        } catch (CorruptionException e) {
            throw new CorruptionException(path, "data " + e.getMessage(), e);
        }
        Block block = new Block(contents); // validated before it is shared
        if (cache != null && fillCache) {
            cache.put(fileNumber, offset, block);
        }
        return block;
    }

    /** Per-thread buffer for single block reads: the stored bytes are garbage once unframed. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8 * 1024]);
    private static final int MAX_SCRATCH = 1 << 20;

    /**
     * A forward scan's read-ahead window over one table (RocksDB's auto read-ahead): once a scan
     * has read two blocks in a row from disk, it reads windows of 16 KiB doubling to 256 KiB with
     * one call each, and verifies and parses the blocks it reaches out of the window. Blocks the
     * window holds that are already cached are simply read twice from the page cache.
     * Single-threaded (one per iterator).
     */
    static final class Readahead {
        private static final int INITIAL = 16 * 1024;
        private static final int MAX = 256 * 1024;

        private byte[] buf;
        /** The window is file bytes [start, start + length). */
        private long start;
        private int length;
        private int nextSize = INITIAL;

        byte[] read(TableReader table, long offset, int stored) throws IOException {
            if (buf == null || offset < start || offset + stored > start + length) {
                int size = (int) Math.min(Math.max(nextSize, stored), table.dataLimit - offset);
                if (buf == null || buf.length < size) {
                    buf = new byte[Math.max(size, Math.min(MAX, 2 * size))];
                }
                table.file.readFully(offset, buf, 0, size);
                start = offset;
                length = size;
                nextSize = Math.min(MAX, nextSize * 2);
                if (table.stats != null) {
                    table.stats.recordRead(size, false);
                }
            }
            if (table.stats != null) {
                table.stats.recordRead(0, true);
            }
            return BlockIo.unframe(buf, (int) (offset - start), stored, offset);
        }
    }

    /**
     * The first entry whose internal key &gt;= lookupKey AND has the same user key, or null. Asks
     * the bloom filter (counting bloomChecks / bloomUseful) before reading any data block. The
     * entry's arrays are copies out of the block: the caller owns them.
     */
    public Entry get(byte[] lookupKey) throws IOException {
        if (lookupKey.length < InternalKey.TRAILER_SIZE) {
            throw new IllegalArgumentException("not an internal key: " + InternalKey.describe(lookupKey));
        }
        return get(lookupKey, KeyHash.ofUserKey(lookupKey));
    }

    /** As {@link #get(byte[])} with the {@link KeyHash} of lookupKey's user key, computed once per lookup by the caller. */
    public Entry get(byte[] lookupKey, long userKeyHash) throws IOException {
        if (filter != null) {
            boolean absent = !filter.mayContain(userKeyHash);
            if (stats != null) {
                stats.recordBloomCheck(absent);
            }
            if (absent) {
                return null;
            }
        }
        try {
            int i = index.seek(lookupKey);
            if (i == index.size()) {
                return null;
            }
            Block.Iter it = dataBlock(i, null, true).iterator();
            it.seek(lookupKey);
            if (!it.isValid()
                    || !KeyOrder.sameUserKey(it.keyBuffer(), 0, it.keyLength(), lookupKey, 0, lookupKey.length)) {
                return null;
            }
            return new Entry(it.key(), it.value());
        } catch (CorruptionException e) {
            throw e.inFile(path);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new CorruptionException(path, "malformed block: " + e, e);
        }
    }

    /** Bloom check only (not counted in {@link TableStats}): false iff the user key is certainly absent. */
    public boolean mayContain(byte[] userKey) {
        return filter == null || filter.mayContain(KeyHash.of(userKey, 0, userKey.length));
    }

    /** An iterator over all entries; reads blocks lazily through the cache; I/O errors surface as LsmException/CorruptionException. */
    public InternalIterator iterator() {
        return iterator(true);
    }

    /**
     * As {@link #iterator()}; with {@code fillCache} false, blocks read from disk are not put into
     * the block cache (cached blocks are still used): a compaction reads each block once and
     * would only evict the blocks readers need (RocksDB's fill_cache=false).
     */
    public InternalIterator iterator(boolean fillCache) {
        return new TableIterator(this, index, fillCache);
    }

    public TableProperties properties() {
        return properties;
    }

    public long fileNumber() {
        return fileNumber;
    }

    public long fileSize() {
        return fileSize;
    }

    public Path path() {
        return path;
    }

    /** True iff the table has a bloom filter. */
    public boolean hasFilter() {
        return filter != null;
    }

    /** The handles of the data blocks, in order (for tests and dump tools). */
    long[][] dataBlockHandles() {
        return index.handles();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return "TableReader[" + path + ", " + fileSize + " bytes, " + properties.entries() + " entries]";
    }
}
