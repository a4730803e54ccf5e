package dev.lsmkv.engine.wal;

import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.fs.WritableFile;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/** A file in memory, writable and readable, that counts appends and can be damaged at will. */
final class MemFile implements WritableFile, ReadableFile {

    private byte[] data = new byte[0];
    int appends;
    int syncs;
    boolean closed;
    IOException failNextAppend;

    MemFile() {
    }

    MemFile(byte[] contents) {
        data = contents.clone();
    }

    @Override
    public void append(byte[] src, int offset, int length) throws IOException {
        if (failNextAppend != null) {
            IOException e = failNextAppend;
            failNextAppend = null;
            throw e;
        }
        appends++;
        int old = data.length;
        data = Arrays.copyOf(data, old + length);
        System.arraycopy(src, offset, data, old, length);
    }

    @Override
    public void sync() {
        syncs++;
    }

    @Override
    public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
        if (position + length > data.length) {
            throw new EOFException("read past the end");
        }
        System.arraycopy(data, (int) position, dst, offset, length);
    }

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public void close() {
        closed = true;
    }

    byte[] bytes() {
        return data.clone();
    }

    /** A fresh readable copy of the first {@code length} bytes. */
    MemFile prefix(int length) {
        return new MemFile(Arrays.copyOf(data, length));
    }

    void setByte(int position, int value) {
        data[position] = (byte) value;
    }

    void xorByte(int position, int mask) {
        data[position] ^= (byte) mask;
    }

    void appendRaw(byte[] bytes) throws IOException {
        append(bytes, 0, bytes.length);
        appends--;
    }
}
