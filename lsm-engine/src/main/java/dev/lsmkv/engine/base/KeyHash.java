package dev.lsmkv.engine.base;

import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The one hash of a user key that every bloom filter probes with: xxHash64 with seed
 * {@value #SEED}. A point lookup computes it once and hands it to the memtables' filters and to
 * every table it asks. The SSTable filter block is built from it, so it is part of the file
 * format (docs/file-formats.md): NEVER change the function or the seed.
 */
public final class KeyHash {

    /** xxHash64 seed. On disk (in every SSTable's filter): NEVER change. */
    public static final long SEED = 0x4C534D4B56424C4FL; // "OLBVKMSL"

    // The pure-Java xxHash64: the same values as the JNI one, without a JNI transition per key,
    // which cost more than hashing a short key.
    private static final XXHash64 XXH = XXHashFactory.fastestJavaInstance().hash64();

    private KeyHash() {
    }

    /** The hash of the user key {@code key[offset, offset + length)}. */
    public static long of(byte[] key, int offset, int length) {
        return XXH.hash(key, offset, length, SEED);
    }

    /** The hash of the user key of an internal (or lookup) key. */
    public static long ofUserKey(byte[] internalKey) {
        return of(internalKey, 0, internalKey.length - InternalKey.TRAILER_SIZE);
    }
}
