package dev.lsmkv.engine.version;

import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The live table files of every level at one point in time. Immutable apart from its reference
 * count; safe to read from any thread without locking.
 *
 * <p>Invariants (checked when a {@link VersionBuilder} builds one):
 * <ol>
 *   <li>Level 0 is ordered newest first, that is by file number descending (flushes are the only
 *       writers of level 0 and take increasing numbers). Its files may overlap.</li>
 *   <li>Levels 1 and up are ordered by smallest key, and every file's largest internal key is
 *       below the next file's smallest internal key: the files do not overlap.</li>
 *   <li>A file number appears at most once across all levels.</li>
 * </ol>
 *
 * <p>Reference counting: a reader or compaction that keeps a version {@link #ref()}s it (or
 * takes it from {@link VersionSet#refCurrent()}) and {@link #unref()}s it when done. The version
 * set holds one reference on its current version. When the count falls back to zero the version
 * set forgets the version, so its files stop counting as live (see
 * {@link VersionSet#liveFileNumbers()}); a released version cannot be ref'd again.
 */
public final class Version {

    /** Levels 0..6. */
    public static final int NUM_LEVELS = 7;

    private final List<List<FileMetaData>> levels;
    private final Consumer<Version> onRelease;
    /** The reference count of a version whose count fell back to zero. */
    private static final int RELEASED = -1;

    /** References held; 0 for a new version not yet installed, {@link #RELEASED} once released. */
    private final AtomicInteger refs = new AtomicInteger();

    /**
     * REQUIRES: {@code levels} has {@link #NUM_LEVELS} lists meeting the class invariants.
     *
     * @param onRelease called once when the reference count returns to zero; may be null
     */
    Version(List<List<FileMetaData>> levels, Consumer<Version> onRelease) {
        assert levels.size() == NUM_LEVELS;
        List<List<FileMetaData>> copy = new ArrayList<>(NUM_LEVELS);
        for (List<FileMetaData> files : levels) {
            copy.add(List.copyOf(files));
        }
        this.levels = List.copyOf(copy);
        this.onRelease = onRelease;
    }

    /** A version with no files. */
    static Version empty(Consumer<Version> onRelease) {
        List<List<FileMetaData>> levels = new ArrayList<>();
        for (int i = 0; i < NUM_LEVELS; i++) {
            levels.add(List.of());
        }
        return new Version(levels, onRelease);
    }

    /** The files of {@code level} in level order (see the class invariants); unmodifiable. */
    public List<FileMetaData> files(int level) {
        return levels.get(level);
    }

    public int numFiles(int level) {
        return levels.get(level).size();
    }

    public long levelBytes(int level) {
        long sum = 0;
        for (FileMetaData f : levels.get(level)) {
            sum += f.fileSize();
        }
        return sum;
    }

    public long totalBytes() {
        long sum = 0;
        for (int level = 0; level < NUM_LEVELS; level++) {
            sum += levelBytes(level);
        }
        return sum;
    }

    /**
     * Files of {@code level} whose user-key range overlaps [smallestUserKey, largestUserKey], in
     * level order. A null bound is unbounded. For level 0 this is the plain overlap list: it is
     * not widened by the ranges of the files it finds (the compaction picker does that).
     */
    public List<FileMetaData> overlappingFiles(int level, byte[] smallestUserKey, byte[] largestUserKey) {
        List<FileMetaData> files = levels.get(level);
        List<FileMetaData> out = new ArrayList<>();
        int start = 0;
        if (level > 0 && smallestUserKey != null) {
            // Sorted and disjoint: skip the files that end before the range.
            start = firstFileEndingAtOrAfter(files, smallestUserKey);
        }
        for (int i = start; i < files.size(); i++) {
            FileMetaData f = files.get(i);
            boolean endsBefore = smallestUserKey != null && InternalKey.compareUserKey(f.largest(), smallestUserKey) < 0;
            boolean startsAfter = largestUserKey != null && InternalKey.compareUserKey(f.smallest(), largestUserKey) > 0;
            if (!endsBefore && !startsAfter) {
                out.add(f);
            } else if (level > 0 && startsAfter) {
                break;
            }
        }
        return out;
    }

    /**
     * The one file of {@code level} that may contain {@code userKey}, or null. REQUIRES: level
     * &gt;= 1. Binary search on the largest keys: the first file whose largest user key is
     * &gt;= {@code userKey}, if its smallest user key is &lt;= {@code userKey}.
     *
     * <p>If a compaction split the versions of one user key across two adjacent files, this is
     * the first of them, which holds the newest versions; the next file holds older ones.
     */
    public FileMetaData findFile(int level, byte[] userKey) {
        if (level < 1) {
            throw new IllegalArgumentException("findFile needs a sorted level (1.." + (NUM_LEVELS - 1) + "), was " + level);
        }
        List<FileMetaData> files = levels.get(level);
        int i = firstFileEndingAtOrAfter(files, userKey);
        if (i == files.size()) {
            return null;
        }
        FileMetaData f = files.get(i);
        return InternalKey.compareUserKey(f.smallest(), userKey) <= 0 ? f : null;
    }

    /** Index of the first file whose largest user key is &gt;= userKey, or files.size(). */
    private static int firstFileEndingAtOrAfter(List<FileMetaData> files, byte[] userKey) {
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compareUserKey(files.get(mid).largest(), userKey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Pins this version. REQUIRES: not released (the count never fell back to zero). */
    public void ref() {
        while (true) {
            int n = refs.get();
            if (n < 0) {
                throw new IllegalStateException("ref() on a released version");
            }
            if (refs.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    /**
     * Releases one reference. On reaching zero, the version set forgets this version (its files
     * may become obsolete). REQUIRES: a reference is held.
     */
    public void unref() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                throw new IllegalStateException("unref() without a matching ref()");
            }
            // The last reference moves the count to RELEASED, never to 0, so no ref() can revive it.
            if (refs.compareAndSet(n, n == 1 ? RELEASED : n - 1)) {
                if (n == 1 && onRelease != null) {
                    onRelease.accept(this);
                }
                return;
            }
        }
    }

    /** True iff the last reference was released. */
    public boolean isReleased() {
        return refs.get() == RELEASED;
    }

    /** The current reference count, for tests and stats. */
    int refCount() {
        return Math.max(0, refs.get());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Version{");
        for (int level = 0; level < NUM_LEVELS; level++) {
            List<FileMetaData> files = levels.get(level);
            if (files.isEmpty()) {
                continue;
            }
            sb.append(" L").append(level).append(':');
            for (FileMetaData f : files) {
                sb.append(" #").append(f.number()).append('[').append(Bytes.toHex(f.smallestUserKey()))
                        .append("..").append(Bytes.toHex(f.largestUserKey())).append(']');
            }
        }
        return sb.append(" }").toString();
    }
}
