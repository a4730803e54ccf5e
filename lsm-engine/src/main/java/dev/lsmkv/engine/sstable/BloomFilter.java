package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.KeyHash;

/**
 * One bloom filter over the distinct user keys of a whole table:
 *
 * <pre>
 * filter block := bits: byte[m / 8] (bit j is bits[j / 8] &gt;&gt; (j % 8) &amp; 1) | k: byte
 * </pre>
 *
 * A key's probes come from its {@link KeyHash} {@code h} (xxHash64, seed {@link KeyHash#SEED}) by double hashing:
 * {@code h1 = h}, {@code h2 = rotateLeft(h, 32)}, probe i (0 &lt;= i &lt; k) sets bit
 * {@code (h1 + i * h2) mod m} with unsigned 64-bit arithmetic. {@code k = round(bitsPerKey * ln 2)}
 * clamped to 1..30; m = max(64, keys * bitsPerKey) rounded up to a multiple of 8. At 10 bits
 * per key that is k = 7 and about 0.8% false positives. Hash, seed and probe rule are on disk:
 * NEVER change them (a new rule needs a new format version).
 *
 * <p>Immutable and thread-safe once built.
 */
final class BloomFilter {

    private final byte[] bits;
    private final long numBits;
    private final int k;

    private BloomFilter(byte[] block) {
        this.bits = block;
        this.numBits = (block.length - 1) * 8L;
        this.k = block[block.length - 1] & 0xFF;
    }

    /** Parses a filter block. @throws CorruptionException (without a file) if malformed */
    static BloomFilter decode(byte[] block) {
        if (block.length < 2) {
            throw new CorruptionException("filter block of " + block.length + " bytes is too short");
        }
        int k = block[block.length - 1] & 0xFF;
        if (k < 1 || k > 30) {
            throw new CorruptionException("filter block has k = " + k + ", expected 1..30");
        }
        return new BloomFilter(block);
    }

    static int probes(int bitsPerKey) {
        return (int) Math.max(1, Math.min(30, Math.round(bitsPerKey * Math.log(2))));
    }

    /** The filter block for {@code hashes[0, count)}. REQUIRES: bitsPerKey &gt;= 1. */
    static byte[] build(long[] hashes, int count, int bitsPerKey) {
        long m = Math.max(64L, (long) count * bitsPerKey);
        m = (m + 7) & ~7L;
        if (m / 8 > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("bloom filter of " + m + " bits is too large");
        }
        int k = probes(bitsPerKey);
        byte[] out = new byte[(int) (m / 8) + 1];
        for (int i = 0; i < count; i++) {
            long h = hashes[i];
            long delta = Long.rotateLeft(h, 32);
            for (int j = 0; j < k; j++) {
                long bit = Long.remainderUnsigned(h, m);
                out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                h += delta;
            }
        }
        out[out.length - 1] = (byte) k;
        return out;
    }

    /** False iff the key whose hash ({@link KeyHash}) is {@code h} was certainly not added. */
    boolean mayContain(long h) {
        long delta = Long.rotateLeft(h, 32);
        for (int j = 0; j < k; j++) {
            long bit = Long.remainderUnsigned(h, numBits);
            if ((bits[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
            h += delta;
        }
        return true;
    }

    int k() {
        return k;
    }

    long numBits() {
        return numBits;
    }

    @Override
    public String toString() {
        return "BloomFilter[bits=" + numBits + ", k=" + k + "]";
    }
}
