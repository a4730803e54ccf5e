package dev.lsmkv.engine.fs;

import java.io.Closeable;
import java.io.IOException;

/** A file read at positions; thread-safe (positional reads share no cursor). */
public interface ReadableFile extends Closeable {

    /**
     * Reads exactly {@code length} bytes at {@code position} into {@code dst[offset...]}.
     *
     * @throws java.io.EOFException if the file ends first
     */
    void readFully(long position, byte[] dst, int offset, int length) throws IOException;

    /** The file's size when it was opened (files are immutable once read). */
    long size();

    @Override
    void close() throws IOException;
}
