package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.util.ByteReader;
import dev.lsmkv.engine.util.Coding;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A table opened for inspection rather than for reads: its footer, block handles, properties,
 * filter and index laid bare, and every data block readable one at a time with its checksum
 * verified and its entries decoded. The dump and verify tools ({@code dev.lsmkv.engine.tool})
 * use it; the engine's read path uses {@link TableReader}. The bytes are read and checked by the
 * same decoders the engine uses ({@link Footer}, {@link BlockIo}, {@link Block},
 * {@link IndexBlock}, {@link BloomFilter}, {@link PropertiesBlock}), so a tool never disagrees with
 * the engine about what is valid.
 *
 * <p>Unlike {@link TableReader}, a damaged data block does not end the inspection:
 * {@link #readDataBlock} of one block throws, the others stay readable.
 *
 * <p>Not thread-safe: one tool thread at a time. Closing it closes the file.
 */
public final class TableLayout implements Closeable {

    /** Where a block lies: its offset and the size of its stored contents, without the 5-byte trailer. */
    public record Handle(long offset, long size) {
        @Override
        public String toString() {
            return offset + "+" + size;
        }
    }

    /** One index entry: the separator key (an internal key) and the data block it points at. */
    public record IndexEntry(byte[] separator, Handle block) {
    }

    /** One entry of a data block: an internal key and its stored value. */
    public record BlockEntry(byte[] internalKey, byte[] storedValue) {
    }

    /**
     * A data block read and verified: where it lies, how it was stored ({@code compressionType}
     * 0 none, 1 LZ4), its uncompressed size and restart points, and its entries.
     */
    public record DataBlock(int index, Handle handle, int compressionType, int uncompressedSize, int restarts,
            List<BlockEntry> entries) {
    }

    /** Stored size of the block trailer (type byte + masked CRC32C). */
    public static final int BLOCK_TRAILER_SIZE = BlockIo.TRAILER_SIZE;
    /** Size of the footer at the end of every table. */
    public static final int FOOTER_SIZE = Footer.SIZE;

    private final ReadableFile file;
    private final Path path;
    private final long fileSize;
    private final int formatVersion;
    private final Footer footer;
    private final TableProperties properties;
    private final int filterProbes;
    private final long filterBits;
    private final List<IndexEntry> index;

    private TableLayout(ReadableFile file, Path path, int formatVersion, Footer footer, TableProperties properties,
            BloomFilter filter, List<IndexEntry> index) {
        this.file = file;
        this.path = path;
        this.fileSize = file.size();
        this.formatVersion = formatVersion;
        this.footer = footer;
        this.properties = properties;
        this.filterProbes = filter == null ? 0 : filter.k();
        this.filterBits = filter == null ? 0 : filter.numBits();
        this.index = index;
    }

    /**
     * Reads and verifies the footer, properties, filter and index of the table in {@code file}
     * (as {@link TableReader#open} does). Closes {@code file} on failure.
     *
     * @throws CorruptionException naming {@code path} if any of them is damaged
     * @throws LsmException if a newer lsmkv wrote the file
     */
    public static TableLayout open(ReadableFile file, Path path) throws IOException {
        boolean ok = false;
        try {
            long size = file.size();
            if (size < Footer.SIZE) {
                throw new CorruptionException(path, "file of " + size + " bytes is shorter than the " + Footer.SIZE
                        + "-byte footer (truncated?)");
            }
            byte[] f = new byte[Footer.SIZE];
            file.readFully(size - Footer.SIZE, f, 0, Footer.SIZE);
            Footer footer = Footer.decode(f, size, path);
            int version = Coding.getFixed32(f, 48);
            Block indexBlock = new Block(readVerified(file, path, footer.index(), "index"));
            BloomFilter filter = footer.filter().size() == 0 ? null
                    : BloomFilter.decode(readVerified(file, path, footer.filter(), "filter"));
            TableProperties props = PropertiesBlock.decode(readVerified(file, path, footer.properties(), "properties"));
            long dataLimit = footer.properties().offset();
            if (footer.filter().size() > 0) {
                dataLimit = Math.min(dataLimit, footer.filter().offset());
            }
            dataLimit = Math.min(dataLimit, footer.index().offset());
            IndexBlock.decode(indexBlock, dataLimit, path); // the engine's checks of every handle
            List<IndexEntry> entries = new ArrayList<>();
            Block.Iter it = indexBlock.iterator();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ByteReader r = new ByteReader(indexBlock.data, it.valueOffset(), it.valueLength());
                entries.add(new IndexEntry(it.key(), new Handle(r.readVarint64(), r.readVarint64())));
            }
            TableLayout layout = new TableLayout(file, path, version, footer, props, filter, List.copyOf(entries));
            ok = true;
            return layout;
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

    private static byte[] readVerified(ReadableFile file, Path path, BlockHandle h, String what) throws IOException {
        byte[] stored = new byte[(int) h.size() + BlockIo.TRAILER_SIZE];
        file.readFully(h.offset(), stored, 0, stored.length);
        try {
            return BlockIo.unframe(stored, h.offset());
        } catch (CorruptionException e) {
            throw new CorruptionException(path, what + " " + e.getMessage(), e);
        }
    }

    /**
     * Reads data block {@code i} of the index from disk (never from a cache), verifies its
     * checksum, uncompresses it and decodes every entry, checking each as the engine does.
     *
     * @throws CorruptionException naming the file and the block's offset if any of it is damaged
     */
    public DataBlock readDataBlock(int i) throws IOException {
        Handle h = index.get(i).block();
        byte[] stored = new byte[(int) h.size() + BlockIo.TRAILER_SIZE];
        file.readFully(h.offset(), stored, 0, stored.length);
        try {
            byte[] contents = BlockIo.unframe(stored, h.offset());
            Block block = new Block(contents);
            List<BlockEntry> entries = new ArrayList<>();
            Block.Iter it = block.iterator();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                entries.add(new BlockEntry(it.key(), it.value()));
            }
            return new DataBlock(i, h, stored[(int) h.size()] & 0xFF, contents.length, block.numRestarts,
                    List.copyOf(entries));
        } catch (CorruptionException e) {
            throw new CorruptionException(path, "data block " + i + " at offset " + h.offset() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof LsmException) {
                throw e;
            }
            throw new CorruptionException(path, "data block " + i + " at offset " + h.offset() + " is malformed: " + e, e);
        }
    }

    public Path path() {
        return path;
    }

    public long fileSize() {
        return fileSize;
    }

    /** The footer's format version. */
    public int formatVersion() {
        return formatVersion;
    }

    public Handle propertiesHandle() {
        return handle(footer.properties());
    }

    /** The filter block's handle; size 0 when the table has no filter. */
    public Handle filterHandle() {
        return handle(footer.filter());
    }

    public Handle indexHandle() {
        return handle(footer.index());
    }

    public TableProperties properties() {
        return properties;
    }

    /** Bits of the bloom filter, 0 without one. */
    public long filterBits() {
        return filterBits;
    }

    /** Probes (hash functions) of the bloom filter, 0 without one. */
    public int filterProbes() {
        return filterProbes;
    }

    /** The index: one entry per data block, in key order. */
    public List<IndexEntry> index() {
        return index;
    }

    private static Handle handle(BlockHandle h) {
        return new Handle(h.offset(), h.size());
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
