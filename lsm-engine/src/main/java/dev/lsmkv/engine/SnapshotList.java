package dev.lsmkv.engine;

import java.util.TreeMap;

/**
 * The sequence numbers pinned by live {@link Snapshot}s, with a count per sequence (LevelDB's
 * SnapshotList). Compaction keeps, for each key, the newest version visible at
 * {@link #oldest}.
 *
 * <p>Thread-safety: none; the engine calls every method with its mutex held, so that a
 * snapshot's sequence and the oldest one compaction reads are both taken while no write
 * publishes a newer sequence.
 */
final class SnapshotList {

    private final TreeMap<Long, Integer> counts = new TreeMap<>();

    /** Pins {@code sequence}. */
    void acquire(long sequence) {
        counts.merge(sequence, 1, Integer::sum);
    }

    /** Unpins one snapshot of {@code sequence}; a second release of the same one does nothing more. */
    void release(long sequence) {
        counts.computeIfPresent(sequence, (k, n) -> n == 1 ? null : n - 1);
    }

    /** The oldest pinned sequence, or {@code visibleSequence} if it is older or nothing is pinned. */
    long oldest(long visibleSequence) {
        return counts.isEmpty() ? visibleSequence : Math.min(counts.firstKey(), visibleSequence);
    }

    /** How many snapshots are live. */
    int size() {
        int n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }
}
