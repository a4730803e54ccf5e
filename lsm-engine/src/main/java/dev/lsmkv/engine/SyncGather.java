package dev.lsmkv.engine;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * Group commit for durable writes ({@link SyncMode#ALWAYS}): lets the leader of a write group
 * wait a moment for the writers it expects before it writes and fsyncs, so that one fsync covers
 * all of them (the idea of PostgreSQL's commit_delay, sized from what the engine observes).
 *
 * <p>Why it is needed: with LevelDB's writer queue alone, {@code k} writers that each wait for
 * their own durable write settle into groups that alternate in size. The group in its fsync
 * holds some writers; the others queue behind it and form the next group the instant the fsync
 * ends, before the writers just released have had time to wake and queue again. Four writers
 * then average about two writes per fsync, which caps their throughput at about twice one
 * writer's, however slow the disk.
 *
 * <p>The rule. The engine records the longest writer queue it has seen (the writers in the group
 * being written plus those waiting) over the last {@value #WINDOW_GROUPS} durable groups and the
 * one before: that is the number of writers writing concurrently. A leader that finds fewer writers
 * queued waits, on {@link #arrived}, until that many have queued or {@link #windowNanos} has passed:
 * half the recent fsync time, never more than {@value #MAX_WINDOW_NANOS} ns. One writer never
 * waits (it expects nobody). A wait that ends without the writers expected lowers the estimate
 * to the writers that came, so a writer that writes now and then costs a busy writer one wait,
 * not one per group; otherwise the estimate falls back within two windows.
 *
 * <p>Thread-safety: every method runs under the engine mutex ({@code DbImpl.mutex}).
 */
final class SyncGather {

    /** Durable groups per estimation window. */
    static final int WINDOW_GROUPS = 64;

    /** The longest a leader waits for writers, whatever the fsync time (2 ms). */
    static final long MAX_WINDOW_NANOS = 2_000_000;

    private final Condition arrived;
    private int peak;
    private int previousPeak;
    private int groups;
    /** Exponentially weighted average of recent WAL fsync times, 0 before the first. */
    private long syncNanos;
    private boolean waiting;
    private long waits;

    SyncGather(Condition arrived) {
        this.arrived = arrived;
    }

    /** A durable writer joined the queue, which now holds {@code queued} writers. */
    void joined(int queued) {
        if (queued > peak) {
            peak = queued;
        }
        if (waiting) {
            arrived.signal();
        }
    }

    /** The writers a leader waits for: the concurrency seen over the last two windows. */
    int expected() {
        return Math.max(peak, previousPeak);
    }

    /** How long a leader waits at most: half the recent fsync time, capped. */
    long windowNanos() {
        return Math.min(syncNanos / 2, MAX_WINDOW_NANOS);
    }

    /**
     * Called by a leader of durable writes at the head of the queue: waits, releasing the mutex,
     * until {@code queue.size()} reaches {@link #expected()} or the window has passed.
     */
    void await(Collection<?> queue) {
        int expected = expected();
        long window = windowNanos();
        if (queue.size() >= expected || window <= 0) {
            return;
        }
        waits++;
        long deadline = System.nanoTime() + window;
        waiting = true;
        try {
            while (queue.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the write goes on; the caller sees the flag
                    break;
                }
            }
        } finally {
            waiting = false;
        }
        if (queue.size() < expected) {
            // The writers expected did not come (one that writes now and then raised the
            // estimate): expect what did, so that a busy writer pays one wait for such a writer,
            // not one per group until the estimate's windows pass. Steady writers raise it again
            // as soon as they queue behind the group now written.
            peak = queue.size();
            previousPeak = peak;
        }
    }

    /** A durable group was written and fsynced in {@code nanos}: feeds the estimates. */
    void synced(long nanos) {
        syncNanos = syncNanos == 0 ? nanos : syncNanos + (nanos - syncNanos) / 8;
        if (++groups >= WINDOW_GROUPS) {
            groups = 0;
            previousPeak = peak;
            peak = 0;
        }
    }

    /** How many times a leader waited (for tests and diagnostics). */
    long waits() {
        return waits;
    }

    @Override
    public String toString() {
        return "SyncGather[expected=" + expected() + ", window=" + TimeUnit.NANOSECONDS.toMicros(windowNanos())
                + " µs, waits=" + waits + "]";
    }
}
