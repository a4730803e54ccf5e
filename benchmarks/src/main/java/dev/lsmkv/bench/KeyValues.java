package dev.lsmkv.bench;

import java.util.SplittableRandom;

/**
 * Keys and values as db_bench makes them. A key is the index as 16 ASCII decimal digits, so
 * keys sort like their indexes. A value is half random bytes and half a repeat of them
 * (db_bench's compression ratio 0.5), cut from a pool built once from the seed; both stores
 * get the same values in the same order.
 *
 * <p>Thread-safety: immutable after construction; the methods write into arrays the caller
 * owns (each thread keeps its own).
 */
final class KeyValues {

    /** Distinct values in the pool; prime, so fills do not line values up with keys. */
    private static final int POOL = 10_007;

    private final byte[][] values;

    KeyValues(int valueSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        values = new byte[POOL][];
        int randomPart = (valueSize + 1) / 2;
        for (int i = 0; i < POOL; i++) {
            byte[] v = new byte[valueSize];
            for (int j = 0; j < randomPart; j++) {
                v[j] = (byte) random.nextInt(256);
            }
            for (int j = randomPart; j < valueSize; j++) {
                v[j] = v[j - randomPart];
            }
            values[i] = v;
        }
    }

    /** A new array sized for a key. */
    static byte[] newKey() {
        return new byte[BenchConfig.KEY_SIZE];
    }

    /** Writes the key of {@code index} (16 decimal digits, zero-padded) into {@code key}. */
    static byte[] key(long index, byte[] key) {
        long v = index;
        for (int i = BenchConfig.KEY_SIZE - 1; i >= 0; i--) {
            key[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return key;
    }

    /**
     * A key that no fill writes yet sorts among the written ones: the key of {@code index} with
     * its last digit replaced by '.', which sorts just before the key of (index / 10) * 10. File
     * key ranges therefore cover it; only bloom filters and block searches can rule it out.
     */
    static byte[] missingKey(long index, byte[] key) {
        key(index, key);
        key[BenchConfig.KEY_SIZE - 1] = '.';
        return key;
    }

    /** The value for operation {@code op}. The store copies it; do not modify it. */
    byte[] value(long op) {
        return values[(int) (op % POOL)];
    }
}
