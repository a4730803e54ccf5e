package dev.lsmkv.engine.memtable;

import dev.lsmkv.engine.base.InternalKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A skip list of (internal key, value) entries laid out in an arena of large byte arrays, as
 * RocksDB's InlineSkipList and LevelDB's skiplist.h with its Arena: one writer at a time, any
 * number of lock-free readers.
 *
 * <p>Why not {@link java.util.concurrent.ConcurrentSkipListMap}: that costs a node object, index
 * objects and a key array per entry, each a separate cache miss on a search and a separate object
 * for the garbage collector to trace and promote. Here a node holds its links, key and value
 * inline, so a search step touches one node, and a memtable of millions of entries is a few dozen
 * arrays.
 *
 * <p>Node layout, at an 8-byte aligned offset of a chunk; a pointer is a {@code long} with the
 * chunk index in the high 32 bits and the offset in the low 32 (0 is null: offset 0 of chunk 0 is
 * never a node):
 * <pre>
 *   int          height &lt;&lt; 24 | keyLength   (internal key: user key + 8-byte trailer, &lt;= 2^24)
 *   int          valueLength
 *   long[height] next                        next node per level, level 0 first
 *   byte[]       key, then value
 * </pre>
 * A node larger than a quarter of a chunk gets a chunk of its own (values may be 64 MiB).
 *
 * <p>Thread-safety: {@link #insert} must not run concurrently with itself ({@link MemTable}
 * serializes it). Readers take no lock: a node is written completely before the release store
 * that links it at level 0, and levels are linked bottom-up, so a reader that reaches a node
 * through an acquire load sees all of its bytes (LevelDB skiplist.h's argument). The chunk table
 * is replaced by a copy, never changed at an index a published node uses, and read through a
 * volatile field after the acquire load that found the node.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Level-0 links order all nodes by {@link InternalKey#compare}; each higher level links a
 *       subsequence of the level below.</li>
 *   <li>A published node's bytes never change, except its next pointers, each of which only
 *       ever moves to a newly inserted node that sorts between.</li>
 * </ol>
 */
final class ArenaSkipList {

    static final int MAX_HEIGHT = 12;
    private static final int BRANCHING = 4;
    static final int CHUNK_SIZE = 1 << 20;
    private static final int NEXT = 8; // offset of next[0] in a node

    /** Native order: the pointers are only ever read by this class. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    /** Internal-key trailers are little-endian fixed64 (see InternalKey); unaligned plain reads only. */
    private static final VarHandle TRAILER = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long HEAD = 8; // chunk 0, offset 8

    /** Index = chunk number; replaced by a larger copy when full, by the writer only. */
    private volatile byte[][] chunks;
    private int chunkCount; // writer only
    private int allocChunk; // writer only: the chunk small nodes go to
    private int allocOffset; // writer only
    private volatile int maxHeight = 1;
    private volatile long bytesUsed;
    private final long[] splice = new long[MAX_HEIGHT]; // writer only

    ArenaSkipList() {
        byte[][] table = new byte[16][];
        table[0] = new byte[CHUNK_SIZE];
        INTS.set(table[0], (int) HEAD, MAX_HEIGHT << 24);
        chunks = table;
        chunkCount = 1;
        allocChunk = 0;
        allocOffset = (int) HEAD + NEXT + MAX_HEIGHT * 8;
    }

    private static int chunkOf(long p) {
        return (int) (p >>> 32);
    }

    private static int offsetOf(long p) {
        return (int) p;
    }

    /** Bytes of the nodes inserted so far, links, headers and alignment included. */
    long bytesUsed() {
        return bytesUsed;
    }

    // ------------------------------------------------------------------ node access

    private static int height(byte[] chunk, int off) {
        return ((int) INTS.get(chunk, off)) >>> 24;
    }

    private static int keyLength(byte[] chunk, int off) {
        return ((int) INTS.get(chunk, off)) & 0xFFFFFF;
    }

    private static int valueLength(byte[] chunk, int off) {
        return (int) INTS.get(chunk, off + 4);
    }

    private static int keyStart(byte[] chunk, int off) {
        return off + NEXT + height(chunk, off) * 8;
    }

    private static long next(byte[] chunk, int off, int level) {
        return (long) LONGS.getAcquire(chunk, off + NEXT + level * 8);
    }

    /** Compares the key of the node at {@code off} with the internal key {@code key}. */
    private static int compare(byte[] chunk, int off, byte[] key) {
        int start = keyStart(chunk, off);
        int ua = keyLength(chunk, off) - InternalKey.TRAILER_SIZE;
        int ub = key.length - InternalKey.TRAILER_SIZE;
        int c = Arrays.compareUnsigned(chunk, start, start + ua, key, 0, ub);
        if (c != 0) {
            return c;
        }
        long ta = (long) TRAILER.get(chunk, start + ua);
        long tb = (long) TRAILER.get(key, ub);
        return Long.compareUnsigned(tb, ta); // trailers descending: the newest sequence first
    }

    byte[] chunk(long node) {
        return chunks[chunkOf(node)];
    }

    /** A copy of the node's internal key. */
    byte[] key(long node) {
        byte[] chunk = chunk(node);
        int off = offsetOf(node);
        int start = keyStart(chunk, off);
        return Arrays.copyOfRange(chunk, start, start + keyLength(chunk, off));
    }

    /** A copy of the node's value. */
    byte[] value(long node) {
        byte[] chunk = chunk(node);
        int off = offsetOf(node);
        int start = keyStart(chunk, off) + keyLength(chunk, off);
        return Arrays.copyOfRange(chunk, start, start + valueLength(chunk, off));
    }

    /** True iff the node's user key equals the user key of internal key {@code key}. */
    boolean sameUserKey(long node, byte[] key) {
        byte[] chunk = chunk(node);
        int off = offsetOf(node);
        int start = keyStart(chunk, off);
        int ua = keyLength(chunk, off) - InternalKey.TRAILER_SIZE;
        return Arrays.equals(chunk, start, start + ua, key, 0, key.length - InternalKey.TRAILER_SIZE);
    }

    // ------------------------------------------------------------------ search

    /** The node after {@code node} on level 0, or 0. */
    long next(long node) {
        return next(chunk(node), offsetOf(node), 0);
    }

    /** The first node, or 0. */
    long first() {
        return next(HEAD);
    }

    /**
     * The first node whose key is &gt;= {@code key}, or 0. With {@code prev} not null, also
     * records on every level the last node before that point.
     */
    long seek(byte[] key, long[] prev) {
        long x = HEAD;
        byte[] xChunk = chunks[0];
        int level = maxHeight - 1;
        while (true) {
            long n = next(xChunk, offsetOf(x), level);
            if (n != 0) {
                byte[] nChunk = chunks[chunkOf(n)];
                if (compare(nChunk, offsetOf(n), key) < 0) {
                    x = n;
                    xChunk = nChunk;
                    continue;
                }
            }
            if (prev != null) {
                prev[level] = x;
            }
            if (level == 0) {
                return n;
            }
            level--;
        }
    }

    // ------------------------------------------------------------------ insert

    /**
     * Adds an entry unless its internal key is present; true iff added. REQUIRES: no concurrent
     * insert; {@code internalKey} at most 2^24 - 1 bytes.
     */
    boolean insert(byte[] internalKey, byte[] value) {
        long[] prev = splice;
        for (int level = maxHeight; level < MAX_HEIGHT; level++) {
            prev[level] = HEAD;
        }
        long at = seek(internalKey, prev);
        if (at != 0 && compare(chunks[chunkOf(at)], offsetOf(at), internalKey) == 0) {
            return false;
        }
        int height = randomHeight();
        long node = allocate(height, internalKey.length, value.length);
        byte[] chunk = chunks[chunkOf(node)];
        int off = offsetOf(node);
        INTS.set(chunk, off, height << 24 | internalKey.length);
        INTS.set(chunk, off + 4, value.length);
        int start = off + NEXT + height * 8;
        System.arraycopy(internalKey, 0, chunk, start, internalKey.length);
        System.arraycopy(value, 0, chunk, start + internalKey.length, value.length);
        for (int level = 0; level < height; level++) {
            long p = prev[level];
            byte[] pChunk = chunks[chunkOf(p)];
            long successor = next(pChunk, offsetOf(p), level);
            LONGS.set(chunk, off + NEXT + level * 8, successor); // the node is not published yet
            LONGS.setRelease(pChunk, offsetOf(p) + NEXT + level * 8, node);
        }
        if (height > maxHeight) {
            maxHeight = height; // readers seeing the old height still find every node
        }
        return true;
    }

    private static int randomHeight() {
        int height = 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (height < MAX_HEIGHT && random.nextInt(BRANCHING) == 0) {
            height++;
        }
        return height;
    }

    /**
     * Room for a node, 8-byte aligned; a node over a quarter chunk gets a chunk of its own.
     * Only the single writer calls it, so the volatile counters' read-modify-write is not racy.
     */
    @SuppressWarnings("NonAtomicVolatileUpdate")
    private long allocate(int height, int keyLength, int valueLength) {
        long size = NEXT + 8L * height + keyLength + valueLength;
        long aligned = (size + 7) & ~7L;
        if (aligned > CHUNK_SIZE / 4) {
            if (aligned > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("entry of " + size + " bytes is too large for a memtable");
            }
            int index = addChunk(new byte[(int) aligned]);
            bytesUsed += aligned;
            return (long) index << 32;
        }
        if (allocOffset + aligned > CHUNK_SIZE) {
            allocChunk = addChunk(new byte[CHUNK_SIZE]);
            allocOffset = 0;
        }
        long node = ((long) allocChunk << 32) | allocOffset;
        allocOffset += (int) aligned;
        bytesUsed += aligned;
        return node;
    }

    /** Appends a chunk to the table, publishing the table before any node in it is linked. */
    private int addChunk(byte[] chunk) {
        byte[][] table = chunks;
        if (chunkCount == table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        }
        table[chunkCount] = chunk;
        chunks = table; // volatile: readers that reach a node in this chunk see the table holding it
        return chunkCount++;
    }
}
