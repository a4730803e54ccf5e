package dev.lsmkv.engine.util;

import dev.lsmkv.engine.CorruptionException;

/**
 * Reads the engine's encodings from a byte array region. Every read is bounds-checked: running
 * past the end or a malformed varint is a {@link CorruptionException} (without a file name;
 * callers that know the file rethrow it with {@link CorruptionException#inFile}). Never
 * allocates more than the region holds, so a forged length cannot cause an OutOfMemoryError.
 */
public final class ByteReader {

    private final byte[] buf;
    private final int limit;
    private int pos;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw new CorruptionException("truncated " + what + " at offset " + pos + ": need " + n
                    + " bytes, " + (limit - pos) + " left");
        }
    }

    public int readByte() {
        need(1, "byte");
        return buf[pos++] & 0xFF;
    }

    public int readFixed32() {
        need(4, "fixed32");
        int v = Coding.getFixed32(buf, pos);
        pos += 4;
        return v;
    }

    public long readFixed64() {
        need(8, "fixed64");
        long v = Coding.getFixed64(buf, pos);
        pos += 8;
        return v;
    }

    public int readVarint32() {
        int start = pos;
        int result = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (pos >= limit) {
                throw new CorruptionException("truncated varint32 at offset " + start);
            }
            int b = buf[pos++] & 0xFF;
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptionException("malformed varint32 at offset " + start);
    }

    public long readVarint64() {
        int start = pos;
        long result = 0;
        for (int shift = 0; shift <= 63; shift += 7) {
            if (pos >= limit) {
                throw new CorruptionException("truncated varint64 at offset " + start);
            }
            int b = buf[pos++] & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptionException("malformed varint64 at offset " + start);
    }

    /** A varint32 that must be a non-negative length fitting in what is left. */
    public int readLength(String what) {
        int start = pos;
        int n = readVarint32();
        if (n < 0 || n > remaining()) {
            throw new CorruptionException("bad length " + Integer.toUnsignedString(n) + " of " + what
                    + " at offset " + start + ": " + remaining() + " bytes left");
        }
        return n;
    }

    public byte[] readBytes(int n) {
        need(n, "bytes");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A varint32 length followed by that many bytes. */
    public byte[] readLengthPrefixed(String what) {
        return readBytes(readLength(what));
    }

    public void skip(int n) {
        need(n, "bytes");
        pos += n;
    }
}
