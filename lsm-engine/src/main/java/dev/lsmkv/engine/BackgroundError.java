package dev.lsmkv.engine;

import java.nio.file.Path;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The first error of background work or of a write that left the engine unable to take writes
 * (LevelDB's bg_error_): once set, writes fail with it as the cause; reads keep working; nothing
 * is deleted until the engine is reopened. Later errors are not recorded.
 *
 * <p>Thread-safety: thread-safe. The error is volatile so that checks need no lock; setting it
 * takes the engine mutex to wake every waiter on {@code backgroundDone} (stalled writers, flush
 * waiters) so that they see it.
 */
final class BackgroundError {

    private final Path dir;
    private final ReentrantLock mutex;
    private final Condition backgroundDone;
    private final EngineEventListener events;
    private volatile Throwable error;

    BackgroundError(Path dir, ReentrantLock mutex, Condition backgroundDone, EngineEventListener events) {
        this.dir = dir;
        this.mutex = mutex;
        this.backgroundDone = backgroundDone;
        this.events = events;
    }

    /** True once writes are stopped by an error. */
    boolean isSet() {
        return error != null;
    }

    /** The error, or null. */
    Throwable get() {
        return error;
    }

    /** Records {@code e} if it is the first, wakes the waiters and reports it to the listener once. */
    void set(Throwable e) {
        boolean first = false;
        mutex.lock();
        try {
            if (error == null) {
                error = e;
                first = true;
            }
            backgroundDone.signalAll();
        } finally {
            mutex.unlock();
        }
        if (first) {
            events.backgroundError(e);
        }
    }

    /** REQUIRES: {@link #isSet()}. The exception a write gets while writes are stopped. */
    LsmException writesStopped() {
        Throwable cause = error;
        return new LsmException("writes to " + dir + " are stopped by a background error: " + cause.getMessage()
                + " Reads still work. Fix the cause (disk full? I/O error?) and reopen the engine.", cause);
    }
}
