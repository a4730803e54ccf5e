package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.KeyHash;
import dev.lsmkv.engine.base.TtlValue;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.util.ByteWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one SSTable from entries in increasing internal-key order. The file (format version 1,
 * drawn with a worked example in docs/file-formats.md ("SSTable")):
 *
 * <pre>
 * table        := data block* | filter block? | properties block | index block | footer
 * every block  := contents | type: byte (0 none, 1 LZ4) | crc: fixed32 (masked CRC32C of contents + type)
 *                 (see {@link BlockIo}; data blocks may be LZ4, the others are stored raw)
 * data block   := entry* | restart: fixed32 * n | n: fixed32                     (see {@link BlockBuilder})
 * entry        := shared: varint32 | unshared: varint32 | valueLength: varint32 | key delta | value
 *                 keys are internal keys (user key | fixed64 seq &lt;&lt; 8 | kind), values stored values
 * filter block := bloom bits | k: byte over distinct user keys                 (see {@link BloomFilter})
 * properties   := fieldCount: varint32 | fixed-order varint fields             (see {@link PropertiesBlock})
 * index block  := a data-block-shaped block with restart interval 1, one entry per data block:
 *                 key = separator: last key of the block &lt;= separator &lt; first key of the next
 *                 value = offset: varint64 | size: varint64 of the block (size without trailer)
 * footer       := 3 x (offset: fixed64 | size: fixed64) for properties, filter, index
 *                 | version: fixed32 = 1 | crc: fixed32 | magic: fixed64 "LSMKVSST" (64 bytes, see {@link Footer})
 * </pre>
 *
 * <p>Not thread-safe: one writer, like the {@link WritableFile} it appends to. The builder
 * starts writing at the file's current size (normally 0).
 *
 * <p>Invariants: (1) every key added is strictly greater than the one before; (2) an index
 * entry for a finished block is written only once the next key (or the end) is known, so its
 * separator can be shortened; (3) {@code offset} = bytes appended to the file by this builder
 * plus its starting size.
 */
public final class TableBuilder {

    private static final byte[] EMPTY = new byte[0];
    private static final int OUT_BUFFER = 64 * 1024;
    /** Data blocks in a row that LZ4 could not shrink by 1/8 before the builder stops trying every block. */
    static final int SKIP_COMPRESSION_AFTER = 8;
    /** While it skips, the builder still tries one data block in this many; one that shrinks ends the skipping. */
    static final int COMPRESSION_PROBE_EVERY = 16;

    private final WritableFile file;
    private final Path path;
    private final TableOptions options;
    private final BlockBuilder dataBlock;
    private final BlockBuilder indexBlock = new BlockBuilder(1);
    private final ByteWriter handleBuf = new ByteWriter(24);
    private byte[] frameScratch;
    /** Framed blocks not yet appended to the file: one write call per ~64 KiB, not per block. */
    private final byte[] out = new byte[OUT_BUFFER];
    private int outLength;
    private long offset;

    private byte[] lastKey;
    private byte[] firstKey;
    private BlockHandle pendingHandle;

    private long[] hashes;
    private int hashCount;

    private long entries;
    private long dataBlocks;
    /** Data blocks in a row that were tried with compression and stored raw (see {@link #dataBlockCompression}). */
    private int incompressibleRun;
    /** Data blocks stored raw without a try since the last probe. */
    private int skippedSinceProbe;
    private long compressionSkips;
    private long rawKeyBytes;
    private long rawValueBytes;
    private long minSequence = Long.MAX_VALUE;
    private long maxSequence = Long.MIN_VALUE;
    private long tombstones;
    private long earliestExpiry = Long.MAX_VALUE;
    private boolean finished;
    private TableProperties properties;

    public TableBuilder(WritableFile file, Path path, TableOptions options) {
        this.file = file;
        this.path = path;
        this.options = options;
        this.dataBlock = new BlockBuilder(options.restartInterval());
        this.offset = file.size();
        this.hashes = options.bloomBitsPerKey() > 0 ? new long[1024] : null;
    }

    /** REQUIRES: internalKey strictly greater (InternalKey order) than the previous one. */
    public void add(byte[] internalKey, byte[] value) throws IOException {
        if (finished) {
            throw new IllegalStateException("table " + path + " is finished");
        }
        EntryKind kind = internalKey.length >= InternalKey.TRAILER_SIZE ? InternalKey.kind(internalKey) : null;
        if (kind == null) {
            throw new IllegalArgumentException("not an internal key: " + InternalKey.describe(internalKey));
        }
        if (lastKey != null && InternalKey.compare(lastKey, internalKey) >= 0) {
            throw new IllegalArgumentException("keys out of order in " + path + ": " + InternalKey.describe(internalKey)
                    + " after " + InternalKey.describe(lastKey));
        }
        if (kind == EntryKind.PUT_WITH_TTL) {
            if (value.length < TtlValue.HEADER_SIZE) {
                throw new IllegalArgumentException("PUT_WITH_TTL value of " + value.length + " bytes has no expiry header");
            }
            earliestExpiry = Math.min(earliestExpiry, TtlValue.expiresAt(value));
        }
        if (pendingHandle != null) {
            addIndexEntry(KeyOrder.separator(lastKey, internalKey));
        }
        if (hashes != null && (lastKey == null || !InternalKey.sameUserKey(lastKey, internalKey))) {
            if (hashCount == hashes.length) {
                hashes = Arrays.copyOf(hashes, hashCount * 2);
            }
            hashes[hashCount++] = KeyHash.ofUserKey(internalKey);
        }
        long seq = InternalKey.sequence(internalKey);
        minSequence = Math.min(minSequence, seq);
        maxSequence = Math.max(maxSequence, seq);
        if (kind == EntryKind.DELETE) {
            tombstones++;
        }
        entries++;
        rawKeyBytes += internalKey.length;
        rawValueBytes += value.length;
        // Our own copy: the caller may reuse its array, and the separator needs the key later.
        lastKey = internalKey.clone();
        if (firstKey == null) {
            firstKey = lastKey;
        }
        dataBlock.add(internalKey, value);
        if (dataBlock.estimatedSize() >= options.blockSize()) {
            flushDataBlock();
        }
    }

    private void flushDataBlock() throws IOException {
        ByteWriter block = dataBlock.finish();
        Compression compression = dataBlockCompression();
        BlockIo.Framed framed = BlockIo.frame(block.array(), block.size(), compression, frameScratch);
        if (compression != Compression.NONE) {
            incompressibleRun = framed.compressed() ? 0 : incompressibleRun + 1;
        }
        pendingHandle = append(framed);
        dataBlock.reset();
        dataBlocks++;
    }

    /**
     * The compression to try on the next data block. After {@link #SKIP_COMPRESSION_AFTER} blocks
     * in a row that compression could not shrink by 1/8 (stored raw anyway), only one block in
     * {@link #COMPRESSION_PROBE_EVERY} is tried, until one shrinks: incompressible values (random,
     * encrypted or already compressed bytes) then cost no LZ4 pass per block, which was about half
     * of a compaction's CPU time loading YCSB records. Compressible data is never skipped, and
     * the file format is unchanged (a block's type byte says whether it is compressed).
     */
    private Compression dataBlockCompression() {
        Compression asked = options.compression();
        if (asked == Compression.NONE || incompressibleRun < SKIP_COMPRESSION_AFTER) {
            return asked;
        }
        if (++skippedSinceProbe >= COMPRESSION_PROBE_EVERY) {
            skippedSinceProbe = 0;
            return asked;
        }
        compressionSkips++;
        return Compression.NONE;
    }

    /** Data blocks this builder stored raw without trying compression (see {@link #dataBlockCompression}). */
    long compressionSkips() {
        return compressionSkips;
    }

    private void addIndexEntry(byte[] separator) {
        handleBuf.reset();
        pendingHandle.encodeVarints(handleBuf);
        indexBlock.add(separator, handleBuf.toByteArray());
        pendingHandle = null;
    }

    /** Appends a filter, properties or index block: never compressed (docs/file-formats.md). */
    private BlockHandle writeRawBlock(byte[] contents, int length) throws IOException {
        return append(BlockIo.frame(contents, length, Compression.NONE, frameScratch));
    }

    private BlockHandle append(BlockIo.Framed framed) throws IOException {
        frameScratch = framed.bytes();
        write(framed.bytes(), framed.length());
        BlockHandle handle = new BlockHandle(offset, framed.contentsSize());
        offset += framed.length();
        return handle;
    }

    public long entries() {
        return entries;
    }

    /** Bytes written so far plus the pending block: the lead splits compaction output on it. */
    public long estimatedFileSize() {
        return offset + (dataBlock.isEmpty() ? 0 : dataBlock.estimatedSize());
    }

    /** Writes the last block, filter, properties, index and footer. Does not sync or close the file. */
    public TableProperties finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("table " + path + " is already finished");
        }
        finished = true;
        if (!dataBlock.isEmpty()) {
            flushDataBlock();
        }
        if (pendingHandle != null) {
            addIndexEntry(KeyOrder.successor(lastKey));
        }
        BlockHandle filter = BlockHandle.EMPTY;
        if (hashes != null) {
            byte[] bits = BloomFilter.build(hashes, hashCount, options.bloomBitsPerKey());
            hashes = null;
            filter = writeRawBlock(bits, bits.length);
        }
        boolean empty = entries == 0;
        properties = new TableProperties(entries, dataBlocks, rawKeyBytes, rawValueBytes,
                empty ? EMPTY : firstKey, empty ? EMPTY : lastKey,
                empty ? 0 : minSequence, empty ? 0 : maxSequence, tombstones, earliestExpiry, options.compression());
        byte[] props = PropertiesBlock.encode(properties);
        BlockHandle propsHandle = writeRawBlock(props, props.length);
        ByteWriter index = indexBlock.finish();
        BlockHandle indexHandle = writeRawBlock(index.array(), index.size());
        byte[] footer = new Footer(propsHandle, filter, indexHandle).encode();
        write(footer, footer.length);
        flushOut();
        offset += footer.length;
        return properties;
    }

    /** Appends through {@link #out}; a block larger than the buffer goes straight to the file. */
    private void write(byte[] bytes, int length) throws IOException {
        if (outLength + length > out.length) {
            flushOut();
        }
        if (length > out.length) {
            file.append(bytes, 0, length);
        } else {
            System.arraycopy(bytes, 0, out, outLength, length);
            outLength += length;
        }
    }

    private void flushOut() throws IOException {
        if (outLength > 0) {
            file.append(out, 0, outLength);
            outLength = 0;
        }
    }

    /** The file's size once {@link #finish()} has returned. */
    public long fileSize() {
        if (!finished) {
            throw new IllegalStateException("table " + path + " is not finished");
        }
        return offset;
    }
}
