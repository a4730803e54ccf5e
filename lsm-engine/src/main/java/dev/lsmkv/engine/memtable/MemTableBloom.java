package dev.lsmkv.engine.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bloom filter over the user keys of one memtable, probed with their
 * {@link dev.lsmkv.engine.base.KeyHash} (the hash the SSTable filters use, so a lookup hashes once), so a point lookup of a key the memtable does
 * not hold skips the skip-list search (RocksDB's memtable bloom, its DynamicBloom): every key sets
 * {@value #PROBES} bits inside one 512-bit block, so an add or a probe touches one cache line.
 * In memory only; nothing of it reaches the disk.
 *
 * <p>Thread-safety: {@link #add} may run from several threads at once (bits are set with an atomic
 * OR) while any number of threads call {@link #mayContain}. A probe sees every add that happened
 * before it; the engine guarantees that for every entry a reader may see, because a write becomes
 * visible (a volatile write of its sequence) only after its memtable add returned.
 */
final class MemTableBloom {

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Bits per key within its block; with ~20 bits per key the false-positive rate is ~1%. */
    static final int PROBES = 6;
    private static final int WORDS_PER_BLOCK = 8; // 64 bytes: one cache line

    private final long[] words;
    private final int blockMask;

    /** A filter of about {@code bytes} bytes (a power of two, at least one block). */
    MemTableBloom(long bytes) {
        long blocks = Math.max(1, Math.min(bytes / (WORDS_PER_BLOCK * 8L), 1L << 24));
        int n = Integer.highestOneBit((int) blocks);
        this.words = new long[n * WORDS_PER_BLOCK];
        this.blockMask = n - 1;
    }

    /** Adds a key by its KeyHash. */
    void add(long hash) {
        int base = block(hash);
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (hash >>> (9 * i)) & 511;
            WORDS.getAndBitwiseOr(words, base + (bit >>> 6), 1L << bit);
        }
    }

    /** False iff no key with this hash was added. */
    boolean mayContain(long hash) {
        int base = block(hash);
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (hash >>> (9 * i)) & 511;
            if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    long sizeBytes() {
        return words.length * 8L;
    }

    /** First word of the hash's block: the top bits of the hash times a 64-bit odd constant, which mixes in every bit. */
    private int block(long hash) {
        return ((int) ((hash * 0x9E3779B97F4A7C15L) >>> 40) & blockMask) * WORDS_PER_BLOCK;
    }
}
