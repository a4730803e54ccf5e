package dev.lsmkv.engine.fs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link ForwardingFileSystem} whose written files call {@link #beforeSync} before each
 * {@code sync}: a test's slow disk (sleep there) or a disk held mid-fsync (wait on a latch).
 *
 * <p>Thread-safety: as the wrapped file system; {@link #beforeSync} runs on the syncing thread.
 */
public abstract class SyncHookFileSystem extends ForwardingFileSystem {

    protected SyncHookFileSystem(Vfs delegate) {
        super(delegate);
    }

    /** Runs before {@code file} is synced; an interrupt it catches should be restored. */
    protected abstract void beforeSync(Path file);

    @Override
    protected WritableFile writable(Path path, WritableFile file) {
        return new ForwardingWritableFile(file) {
            @Override
            public void sync() throws IOException {
                beforeSync(path);
                super.sync();
            }
        };
    }
}
