package dev.lsmkv.engine.fs;

import java.io.Closeable;
import java.io.IOException;

/** A file being written from start to end. Not thread-safe: one writer at a time. */
public interface WritableFile extends Closeable {

    /** Appends {@code data[offset, offset+length)}; when it returns the bytes are with the OS. */
    void append(byte[] data, int offset, int length) throws IOException;

    default void append(byte[] data) throws IOException {
        append(data, 0, data.length);
    }

    /** Forces every appended byte to stable storage. */
    void sync() throws IOException;

    /** Bytes appended so far. */
    long size();

    /** Closes without syncing. */
    @Override
    void close() throws IOException;
}
