package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.util.ByteReader;
import java.nio.file.Path;

/**
 * A table's index block decoded once, when the table is opened: the separator keys laid end to
 * end in one array and the data-block handles in two more, so a point lookup binary-searches
 * plain arrays instead of decoding varints at every probe, and allocates nothing. The on-disk
 * index block is unchanged (see {@link TableBuilder}); this is only its in-memory form.
 *
 * <p>Every handle is bounds-checked here, so a damaged index is a {@link CorruptionException}
 * when the table is opened rather than at the first read of the block it names.
 *
 * <p>Immutable and thread-safe. Invariants: separators are in strictly increasing internal-key
 * order (the block builder's invariant, trusted after the block's checksum and the entry checks
 * of {@link Block}); {@code keyStart[i] <= keyStart[i + 1]}; every handle lies in the data area.
 */
final class IndexBlock {

    private final byte[] keys;
    /** Separator i is {@code keys[keyStart[i], keyStart[i + 1])}. */
    private final int[] keyStart;
    private final long[] offsets;
    private final int[] sizes;

    private IndexBlock(byte[] keys, int[] keyStart, long[] offsets, int[] sizes) {
        this.keys = keys;
        this.keyStart = keyStart;
        this.offsets = offsets;
        this.sizes = sizes;
    }

    /** Decodes and checks {@code index}; every handle must lie below {@code dataLimit}. */
    static IndexBlock decode(Block index, long dataLimit, Path path) {
        int n = 0;
        int keyBytes = 0;
        Block.Iter it = index.iterator();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            n++;
            keyBytes += it.keyLength();
        }
        byte[] keys = new byte[keyBytes];
        int[] keyStart = new int[n + 1];
        long[] offsets = new long[n];
        int[] sizes = new int[n];
        int i = 0;
        int at = 0;
        for (it.seekToFirst(); it.isValid(); it.next(), i++) {
            System.arraycopy(it.keyBuffer(), 0, keys, at, it.keyLength());
            keyStart[i] = at;
            at += it.keyLength();
            ByteReader r = new ByteReader(index.data, it.valueOffset(), it.valueLength());
            BlockHandle h;
            try {
                h = new BlockHandle(r.readVarint64(), r.readVarint64());
            } catch (RuntimeException e) {
                throw new CorruptionException(path, "index entry " + i + " has an undecodable block handle: " + e.getMessage(), e);
            }
            Footer.checkBounds(h, dataLimit, "data block", path);
            if (h.size() > Integer.MAX_VALUE - BlockIo.TRAILER_SIZE) {
                throw new CorruptionException(path, "index entry " + i + " names a data block of " + h.size()
                        + " bytes, more than a block can hold");
            }
            offsets[i] = h.offset();
            sizes[i] = (int) h.size();
        }
        keyStart[n] = at;
        return new IndexBlock(keys, keyStart, offsets, sizes);
    }

    /** Number of data blocks. */
    int size() {
        return offsets.length;
    }

    /** The first i whose separator is &gt;= {@code target} (an internal key), or {@link #size()}. */
    int seek(byte[] target) {
        int lo = 0;
        int hi = offsets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int s = keyStart[mid];
            if (KeyOrder.compare(keys, s, keyStart[mid + 1] - s, target, 0, target.length) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Offset in the file of data block {@code i}. */
    long offset(int i) {
        return offsets[i];
    }

    /** Stored size (without the trailer) of data block {@code i}. */
    int blockSize(int i) {
        return sizes[i];
    }

    /** The handles of all data blocks, in order (for tests and dump tools). */
    long[][] handles() {
        long[][] out = new long[offsets.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new long[] {offsets[i], sizes[i]};
        }
        return out;
    }

    @Override
    public String toString() {
        return "IndexBlock[" + offsets.length + " blocks, " + keys.length + " key bytes]";
    }
}
