package dev.lsmkv.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The user's {@link EngineEventListener} with its exceptions caught: a listener that throws must
 * not fail a flush, a compaction or a write.
 */
final class SafeEventListener implements EngineEventListener {

    private final EngineEventListener delegate;

    private SafeEventListener(EngineEventListener delegate) {
        this.delegate = delegate;
    }

    static EngineEventListener wrap(EngineEventListener listener) {
        return listener instanceof SafeEventListener ? listener : new SafeEventListener(listener);
    }

    private static void call(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException ignored) {
            // A listener's failure is its own; the engine goes on (documented on the interface).
        }
    }

    @Override
    public void flushBegin(long memtableBytes) {
        call(() -> delegate.flushBegin(memtableBytes));
    }

    @Override
    public void flushEnd(long memtableBytes, long tableBytes, Duration duration) {
        call(() -> delegate.flushEnd(memtableBytes, tableBytes, duration));
    }

    @Override
    public void compactionBegin(int level, int outputLevel, long inputBytes) {
        call(() -> delegate.compactionBegin(level, outputLevel, inputBytes));
    }

    @Override
    public void compactionEnd(int level, int outputLevel, long bytesRead, long bytesWritten, Duration duration) {
        call(() -> delegate.compactionEnd(level, outputLevel, bytesRead, bytesWritten, duration));
    }

    @Override
    public void writeStall(Duration duration) {
        call(() -> delegate.writeStall(duration));
    }

    @Override
    public void backgroundError(Throwable error) {
        call(() -> delegate.backgroundError(error));
    }

    @Override
    public void fileDeleted(Path file) {
        call(() -> delegate.fileDeleted(file));
    }

    @Override
    public void cleanupFailed(Path file, IOException error) {
        call(() -> delegate.cleanupFailed(file, error));
    }
}
