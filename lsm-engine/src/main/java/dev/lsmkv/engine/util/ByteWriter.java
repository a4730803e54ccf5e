package dev.lsmkv.engine.util;

import java.util.Arrays;

/**
 * A growable byte array with the engine's encodings. Not thread-safe. {@link #reset()} keeps
 * the allocated array, so one writer can serve many records.
 */
public final class ByteWriter {

    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        int need = size + extra;
        if (need < 0) {
            throw new IllegalStateException("buffer larger than 2 GiB");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
        }
    }

    public ByteWriter writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteWriter writeFixed16(int v) {
        ensure(2);
        Coding.putFixed16(buf, size, v);
        size += 2;
        return this;
    }

    public ByteWriter writeFixed32(int v) {
        ensure(4);
        Coding.putFixed32(buf, size, v);
        size += 4;
        return this;
    }

    public ByteWriter writeFixed64(long v) {
        ensure(8);
        Coding.putFixed64(buf, size, v);
        size += 8;
        return this;
    }

    public ByteWriter writeVarint32(int v) {
        ensure(Coding.MAX_VARINT32_BYTES);
        size = Coding.putVarint32(buf, size, v);
        return this;
    }

    public ByteWriter writeVarint64(long v) {
        ensure(Coding.MAX_VARINT64_BYTES);
        size = Coding.putVarint64(buf, size, v);
        return this;
    }

    public ByteWriter writeBytes(byte[] src) {
        return writeBytes(src, 0, src.length);
    }

    public ByteWriter writeBytes(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, buf, size, length);
        size += length;
        return this;
    }

    /** A varint32 length followed by the bytes. */
    public ByteWriter writeLengthPrefixed(byte[] src) {
        writeVarint32(src.length);
        return writeBytes(src);
    }

    /** Overwrites 4 bytes at {@code position}, already written. */
    public void setFixed32(int position, int v) {
        Coding.putFixed32(buf, position, v);
    }

    public int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void reset() {
        size = 0;
    }
}
