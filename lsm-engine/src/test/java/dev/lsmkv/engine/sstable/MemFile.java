package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.fs.WritableFile;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/** Test fixture: an in-memory file, written through {@link WritableFile}, read as a {@link ReadableFile} snapshot. */
final class MemFile implements WritableFile {

    private byte[] data = new byte[1024];
    private int size;

    @Override
    public void append(byte[] src, int offset, int length) {
        if (size + length > data.length) {
            data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
        }
        System.arraycopy(src, offset, data, size, length);
        size += length;
    }

    @Override
    public void sync() {
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() {
    }

    byte[] bytes() {
        return Arrays.copyOf(data, size);
    }

    /** A readable file over {@code bytes} that counts reads and remembers whether it was closed. */
    static Readable readable(byte[] bytes) {
        return new Readable(bytes);
    }

    static final class Readable implements ReadableFile {
        final byte[] bytes;
        int reads;
        boolean closed;

        Readable(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            reads++;
            if (position < 0 || position + length > bytes.length) {
                throw new EOFException("read " + length + " at " + position + " past " + bytes.length);
            }
            System.arraycopy(bytes, (int) position, dst, offset, length);
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
