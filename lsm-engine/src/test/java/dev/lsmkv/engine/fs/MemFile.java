package dev.lsmkv.engine.fs;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Test fixture: a file in memory, writable and readable, that counts appends and syncs, can
 * fail its next append, and can be damaged at will. {@link #readable(byte[])} gives a read-only
 * file over fixed bytes that counts reads.
 *
 * <p>Not thread-safe.
 */
public final class MemFile implements WritableFile, ReadableFile {

    private byte[] data;
    private int size;
    public int appends;
    public int syncs;
    public boolean closed;
    /** Thrown, once, by the next append. */
    public IOException failNextAppend;

    public MemFile() {
        data = new byte[1024];
    }

    public MemFile(byte[] contents) {
        data = contents.clone();
        size = contents.length;
    }

    @Override
    public void append(byte[] src, int offset, int length) throws IOException {
        if (failNextAppend != null) {
            IOException e = failNextAppend;
            failNextAppend = null;
            throw e;
        }
        appends++;
        if (size + length > data.length) {
            data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
        }
        System.arraycopy(src, offset, data, size, length);
        size += length;
    }

    @Override
    public void sync() {
        syncs++;
    }

    @Override
    public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
        if (position < 0 || position + length > size) {
            throw new EOFException("read " + length + " at " + position + " past " + size);
        }
        System.arraycopy(data, (int) position, dst, offset, length);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A copy of the contents. */
    public byte[] bytes() {
        return Arrays.copyOf(data, size);
    }

    /** A fresh readable copy of the first {@code length} bytes. */
    public MemFile prefix(int length) {
        return new MemFile(Arrays.copyOf(data, length));
    }

    public void setByte(int position, int value) {
        data[position] = (byte) value;
    }

    public void xorByte(int position, int mask) {
        data[position] ^= (byte) mask;
    }

    /** Appends without counting it as an append. */
    public void appendRaw(byte[] bytes) throws IOException {
        append(bytes, 0, bytes.length);
        appends--;
    }

    /** A read-only file over {@code bytes} that counts reads and remembers whether it was closed. */
    public static Readable readable(byte[] bytes) {
        return new Readable(bytes);
    }

    /** See {@link #readable(byte[])}. */
    public static final class Readable implements ReadableFile {
        public final byte[] bytes;
        public int reads;
        public boolean closed;

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
