package dev.lsmkv.engine;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the engine does in the background, as events (Pebble's EventListener, LevelDB's
 * info_log): flushes and compactions with their sizes, write stalls, background errors, file
 * deletions and cleanup failures. Set one with {@link EngineOptions.Builder#eventListener};
 * the default, {@link #logging()}, writes them to the {@link System.Logger} named
 * {@code dev.lsmkv.engine}.
 *
 * <p>Methods are called on the engine's threads: flush and compaction events on the flush or
 * compaction thread without an engine lock; {@link #writeStall} on the stalled writer and
 * {@link #backgroundError} on the thread that hit the error, both possibly with the engine
 * mutex held. They should return quickly and must not call back into the engine; an exception
 * they throw is ignored. Every method does nothing by default.
 */
public interface EngineEventListener {

    /** A memtable of about {@code memtableBytes} starts to be written as an L0 table. */
    default void flushBegin(long memtableBytes) {
    }

    /** A flush wrote {@code tableBytes} in {@code duration}. */
    default void flushEnd(long memtableBytes, long tableBytes, Duration duration) {
    }

    /**
     * A compaction from {@code level} into {@code outputLevel} starts, reading {@code inputBytes};
     * level -1 for a manual compaction of every level.
     */
    default void compactionBegin(int level, int outputLevel, long inputBytes) {
    }

    /** A compaction read {@code bytesRead} and wrote {@code bytesWritten} (0 for a trivial move). */
    default void compactionEnd(int level, int outputLevel, long bytesRead, long bytesWritten, Duration duration) {
    }

    /** A write was delayed or stopped for {@code duration} while L0 or the flush queue was full. */
    default void writeStall(Duration duration) {
    }

    /** A background error stopped writes (reported once, when it happens). */
    default void backgroundError(Throwable error) {
    }

    /** An obsolete file was deleted. */
    default void fileDeleted(Path file) {
    }

    /** Deleting an obsolete file failed; it is retried at the next cleanup or open. */
    default void cleanupFailed(Path file, IOException error) {
    }

    /** A listener that does nothing. */
    static EngineEventListener none() {
        return new EngineEventListener() {
        };
    }

    /**
     * The default: events go to {@code System.getLogger("dev.lsmkv.engine")}; flushes,
     * compactions and deletions at DEBUG, stalls at DEBUG, cleanup failures at WARNING,
     * background errors at ERROR.
     */
    static EngineEventListener logging() {
        System.Logger log = System.getLogger("dev.lsmkv.engine");
        return new EngineEventListener() {
            @Override
            public void flushEnd(long memtableBytes, long tableBytes, Duration duration) {
                log.log(Level.DEBUG, () -> "flushed a memtable of " + memtableBytes + " bytes into " + tableBytes
                        + " table bytes in " + duration.toMillis() + " ms");
            }

            @Override
            public void compactionEnd(int level, int outputLevel, long bytesRead, long bytesWritten,
                    Duration duration) {
                log.log(Level.DEBUG, () -> "compacted L" + level + " into L" + outputLevel + ": read " + bytesRead
                        + " bytes, wrote " + bytesWritten + " in " + duration.toMillis() + " ms");
            }

            @Override
            public void writeStall(Duration duration) {
                log.log(Level.DEBUG, () -> "a write stalled for " + duration.toNanos() / 1000 + " us");
            }

            @Override
            public void backgroundError(Throwable error) {
                log.log(Level.ERROR, "writes stopped by a background error: " + error.getMessage(), error);
            }

            @Override
            public void fileDeleted(Path file) {
                log.log(Level.DEBUG, () -> "deleted obsolete file " + file);
            }

            @Override
            public void cleanupFailed(Path file, IOException error) {
                log.log(Level.WARNING, "could not delete obsolete file " + file + " (retried later): "
                        + error.getMessage(), error);
            }
        };
    }
}
