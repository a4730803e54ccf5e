package dev.lsmkv.spring.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The adapter's state for one keyspace: its key prefixes, its entity type once known, the lock
 * stripes that order writes of one id, and its entity count.
 *
 * <p>Counting: entities are spread over {@value #STRIPES} stripes by a hash of their encoded id.
 * Each stripe has a lock and a persisted count key ({@code keyspace 0x00 0x03 stripe}); a write
 * that adds or removes an entity holds its stripe's lock and puts the stripe's new count in the same
 * batch as the entity, so the counts are exact after a crash and saves of different ids rarely
 * contend. {@code count()} adds up {@value #STRIPES} numbers in memory. Counting is on only for
 * keyspaces whose entities never expire ({@link #counted}); an expiring entity leaves no trace to
 * decrement a count by, so those keyspaces count by scanning their keys.
 *
 * <p>Invariants: (1) while {@code counted}, {@code counts[s]} equals the count key of stripe s and
 * the number of live entities whose id hashes to s; (2) every write of an entity of this keyspace
 * holds the lock of its stripe; (3) {@code counted}, {@code type} and {@code info} change only
 * while every stripe lock is held; (4) {@code modifications} grows after every write has been
 * applied (so a reader that saw a value before taking a snapshot can tell whether its snapshot may
 * have missed a write).
 */
final class Keyspace {

    /** Lock and count stripes per keyspace. ON-DISK: the stripe of an id is stored; never change. */
    static final int STRIPES = 64;

    final String name;
    final byte[] catalogKey;
    final byte[] dataPrefix;
    final byte[] indexPrefix;
    final byte[] countPrefix;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    final AtomicLongArray counts = new AtomicLongArray(STRIPES);
    final AtomicLong modifications = new AtomicLong();
    volatile @Nullable Class<?> type;
    volatile EntityInfo info = EntityInfo.of(Object.class);
    volatile boolean counted;
    volatile boolean reconciled;
    volatile @Nullable Duration defaultTtl;
    /** {@link LsmKeys#indexPathPrefix} of each path queried; shared arrays, never written to. */
    private final Map<String, byte[]> indexPathPrefixes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Object, Resume> resumes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Resume> eldest) {
            return size() > 32;
        }
    };

    /**
     * Where a scan that had passed {@code offset} matches stopped (its range, the key to go on from),
     * valid while nothing was written since.
     */
    record Resume(long modifications, long offset, int range, byte[] nextKey) {
    }

    Keyspace(String name) {
        this.name = name;
        this.catalogKey = LsmKeys.catalogKey(name);
        this.dataPrefix = LsmKeys.dataPrefix(name);
        this.indexPrefix = LsmKeys.indexPrefix(name);
        this.countPrefix = LsmKeys.countPrefix(name);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    static int stripe(byte[] encodedId) {
        return (Arrays.hashCode(encodedId) & 0x7fffffff) % STRIPES;
    }

    byte[] dataKey(byte[] encodedId) {
        return LsmKeys.concat(dataPrefix, encodedId, 0);
    }

    /** The key of entity {@code id}: the data prefix and the id's encoding, in one array. */
    byte[] dataKeyOf(Object id) {
        return OrderedCodec.encodeAfter(dataPrefix, id);
    }

    /** The prefix of every index key of {@code path} (the caller must not change the array). */
    byte[] indexPathPrefix(String path) {
        byte[] pp = indexPathPrefixes.get(path);
        if (pp == null) {
            pp = indexPathPrefixes.computeIfAbsent(path, p -> LsmKeys.indexPathPrefix(name, p));
        }
        return pp;
    }

    byte[] countKey(int stripe) {
        return LsmKeys.concat(countPrefix, new byte[] {(byte) stripe}, 0);
    }

    static byte[] countValue(long n) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (n >>> (56 - 8 * i));
        }
        return b;
    }

    static long countOf(byte[] value) {
        long n = 0;
        for (int i = 0; i < 8; i++) {
            n = (n << 8) | (value[i] & 0xffL);
        }
        return n;
    }

    ReentrantLock lock(int stripe) {
        return locks[stripe];
    }

    /** Locks every stripe in ascending order (the only order in which several are ever taken). */
    void lockAll() {
        for (ReentrantLock l : locks) {
            l.lock();
        }
    }

    void unlockAll() {
        for (int i = STRIPES - 1; i >= 0; i--) {
            locks[i].unlock();
        }
    }

    /** Locks the stripes flagged in {@code stripes}, ascending. */
    void lock(boolean[] stripes) {
        for (int i = 0; i < STRIPES; i++) {
            if (stripes[i]) {
                locks[i].lock();
            }
        }
    }

    void unlock(boolean[] stripes) {
        for (int i = STRIPES - 1; i >= 0; i--) {
            if (stripes[i]) {
                locks[i].unlock();
            }
        }
    }

    /** True iff entities of this keyspace may expire (a {@code @TimeToLive} member or a keyspace TTL). */
    boolean expiring() {
        return info.hasTimeToLive() || defaultTtl != null;
    }

    long count() {
        long n = 0;
        for (int i = 0; i < STRIPES; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** Records that a write has been applied. */
    void modified() {
        modifications.incrementAndGet();
    }

    @Nullable Resume resume(Object shape, long offset) {
        synchronized (resumes) {
            Resume r = resumes.get(new ShapeAt(shape, offset));
            return r != null && r.modifications == modifications.get() ? r : null;
        }
    }

    void remember(Object shape, Resume resume) {
        synchronized (resumes) {
            resumes.put(new ShapeAt(shape, resume.offset), resume);
        }
    }

    private record ShapeAt(Object shape, long offset) {
    }
}
