package dev.lsmkv.engine.fs;

import java.io.Closeable;
import java.io.IOException;

/** An exclusive lock on an engine directory, released by {@link #close()}. */
public interface DirectoryLock extends Closeable {
    @Override
    void close() throws IOException;
}
