package dev.lsmkv.engine;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

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
 * queued waits until that many have queued or {@link #windowNanos} has passed: half the recent
 * fsync time, never more than {@value #MAX_WINDOW_NANOS} ns. It waits without the mutex, yielding
 * the CPU in a loop and reading the queue's length from a volatile field, rather than parked on a
 * condition: the last writer's signal and the leader's wake-up through the kernel were part of
 * every group's cycle (four durable writers: 2.57x one writer's puts before, 2.78x after,
 * medians of alternating db_bench runs, docs/benchmarks.md). One writer never
 * waits (it expects nobody). A wait that ends without the writers expected lowers the estimate
 * to the writers that came, so a writer that writes now and then costs a busy writer one wait,
 * not one per group; otherwise the estimate falls back within two windows.
 *
 * <p>Thread-safety: every method is called under the engine mutex ({@code DbImpl.mutex});
 * {@link #await} releases it while it waits, and reads {@link #queued} then without it.
 */
final class SyncGather {

    /** Durable groups per estimation window. */
    static final int WINDOW_GROUPS = 64;

    /** The longest a leader waits for writers, whatever the fsync time (2 ms). */
    static final long MAX_WINDOW_NANOS = 2_000_000;

    private final Lock mutex;
    /** The writer queue's length, as last reported by {@link #joined} or {@link #await}: read by a waiting leader without the mutex. */
    private volatile int queued;
    private int peak;
    private int previousPeak;
    private int groups;
    /** Exponentially weighted average of recent WAL fsync times, 0 before the first. */
    private long syncNanos;
    private long waits;

    /** {@code mutex} is the engine mutex, held by every caller; {@link #await} releases it while it waits. */
    SyncGather(Lock mutex) {
        this.mutex = mutex;
    }

    /** A durable writer joined the queue, which now holds {@code queued} writers. */
    void joined(int queued) {
        this.queued = queued;
        if (queued > peak) {
            peak = queued;
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
     * Called by a leader of durable writes at the head of the queue: waits, releasing the mutex
     * and yielding the CPU, until {@code queue.size()} reaches {@link #expected()} or the window
     * has passed. Only the leader removes writers from the queue, so it can only grow meanwhile.
     */
    @SuppressWarnings("ThreadPriorityCheck") // yielding is the point: the writers it waits for need the cores
    void await(Collection<?> queue) {
        int expected = expected();
        long window = windowNanos();
        if (queue.size() >= expected || window <= 0) {
            return;
        }
        waits++;
        long deadline = System.nanoTime() + window;
        queued = queue.size();
        mutex.unlock();
        try {
            while (queued < expected && System.nanoTime() < deadline) {
                Thread.yield();
            }
        } finally {
            mutex.lock();
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
