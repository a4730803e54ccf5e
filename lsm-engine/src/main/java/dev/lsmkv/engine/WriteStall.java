package dev.lsmkv.engine;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When a write must wait for background work (the policy of LevelDB's MakeRoomForWrite), and
 * the record of each wait in the stall counters and the event listener. The engine's leader
 * asks {@link #next} in a loop, under the mutex, until it may write.
 *
 * <p>Thread-safety: stateless but for the counters (thread-safe).
 */
final class WriteStall {

    /** What the leader does next. */
    enum Action {
        /** The active memtable has room: write. */
        WRITE,
        /** Level 0 is filling up: delay this write to the delayed write rate, without the mutex. */
        SLOW_DOWN,
        /** Too many memtables wait for flush or level 0 is full: wait for background work. */
        STOP,
        /** The active memtable is full (or a switch was asked) and there is room for another: switch. */
        SWITCH
    }

    /** How long a STOPped writer waits before it looks again (background work signals sooner). */
    static final long STOP_WAIT_MILLIS = 100;

    private final EngineOptions options;
    private final EngineCounters counters;
    private final EngineEventListener events;

    WriteStall(EngineOptions options, EngineCounters counters, EngineEventListener events) {
        this.options = options;
        this.counters = counters;
        this.events = events;
    }

    /**
     * @param allowDelay    false after one slowdown of this write, and for a switch request
     * @param force         a switch was asked (flush): switch unless the active memtable is empty
     * @param level0Files   tables in level 0 of the current version
     */
    Action next(boolean allowDelay, boolean force, int level0Files, MemTableList memtables) {
        if (allowDelay && level0Files >= options.level0SlowdownTrigger()) {
            // Slow writes down to a rate rather than stopping one for seconds later.
            return Action.SLOW_DOWN;
        } else if (!force && memtables.active().approximateMemoryUsage() < options.memtableSizeBytes()) {
            return Action.WRITE;
        } else if (force && memtables.active().isEmpty()) {
            return Action.WRITE;
        } else if (memtables.immutableCount() >= options.maxImmutableMemtables()
                || level0Files >= options.level0StopTrigger()) {
            return Action.STOP;
        }
        return Action.SWITCH;
    }

    /** The shortest sleep of a slowdown; smaller delays are carried to the next write. */
    static final long MIN_SLEEP_NANOS = 1_000_000;

    /**
     * When the writes slowed down so far may go on ({@link System#nanoTime()}): each adds its bytes
     * over the delayed write rate. Read and written only by the leader, under the engine mutex.
     */
    private long nextWriteNanos;

    /**
     * SLOW_DOWN for a write of {@code bytes}: REQUIRES {@code mutex} held once. Adds the write's
     * share of the delayed write rate to the delay owed and, once that is at least
     * {@value #MIN_SLEEP_NANOS} ns, sleeps it off without the mutex and counts the stall (RocksDB's
     * WriteController). Returns whether it slept.
     */
    boolean slowDown(ReentrantLock mutex, long bytes) {
        long now = System.nanoTime();
        if (nextWriteNanos - now < 0) {
            nextWriteNanos = now; // no delay owed: the rate starts from now
        }
        nextWriteNanos += Math.max(1, bytes) * 1_000_000_000L / options.delayedWriteRate();
        long wait = nextWriteNanos - now;
        if (wait < MIN_SLEEP_NANOS) {
            return false;
        }
        mutex.unlock();
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mutex.lock();
        }
        record(now);
        return true;
    }

    /** Counts a stall that began at {@code startNanos} ({@link System#nanoTime()}) and reports it. */
    void record(long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        counters.stalls.increment();
        counters.stallMicros.add(nanos / 1000);
        events.writeStall(Duration.ofNanos(nanos));
    }
}
