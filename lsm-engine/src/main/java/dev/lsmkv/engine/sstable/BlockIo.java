package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.util.Coding;
import dev.lsmkv.engine.util.Crc32c;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Every block's on-disk framing:
 *
 * <pre>
 * stored block := contents: byte[size] | type: byte | crc: fixed32 (masked CRC32C of contents + type)
 * contents     := the block                                      if type = 0 (NONE)
 *               | uncompressedLength: varint32 | LZ4 block bytes  if type = 1 (LZ4)
 * </pre>
 *
 * A block is stored compressed only when that saves at least 1/8 of its size. The type codes
 * are {@link Compression#code()}: on disk, NEVER renumber them.
 */
final class BlockIo {

    /** Type byte + masked CRC32C. On disk: NEVER change. */
    static final int TRAILER_SIZE = 5;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

    private BlockIo() {
    }

    /** A block ready to append: {@code bytes[0, length)} = contents + trailer. */
    record Framed(byte[] bytes, int length) {
        int contentsSize() {
            return length - TRAILER_SIZE;
        }

        /** Whether the block is stored compressed (its type byte is not NONE). */
        boolean compressed() {
            return bytes[length - TRAILER_SIZE] != Compression.NONE.code();
        }
    }

    /**
     * Frames {@code raw[0, length)}, LZ4-compressed if asked and worth it. {@code scratch} may be
     * reused across calls; returns it or a larger replacement inside the result.
     */
    static Framed frame(byte[] raw, int length, Compression compression, byte[] scratch) {
        byte[] out = scratch;
        if (compression == Compression.LZ4 && length >= 64) {
            out = atLeast(out, Coding.MAX_VARINT32_BYTES + COMPRESSOR.maxCompressedLength(length) + TRAILER_SIZE);
            int p = Coding.putVarint32(out, 0, length);
            int n = COMPRESSOR.compress(raw, 0, length, out, p, out.length - p - TRAILER_SIZE);
            int size = p + n;
            if (size <= length - length / 8) {
                writeTrailer(out, size, Compression.LZ4.code());
                return new Framed(out, size + TRAILER_SIZE);
            }
            // Not worth it: stored raw in the same buffer, which is larger than that needs, so
            // that incompressible data (random values) allocates nothing per block.
        }
        out = atLeast(out, length + TRAILER_SIZE);
        System.arraycopy(raw, 0, out, 0, length);
        writeTrailer(out, length, Compression.NONE.code());
        return new Framed(out, length + TRAILER_SIZE);
    }

    /** {@code buf} if it holds {@code size} bytes, else a new buffer with room to spare (blocks vary in size). */
    private static byte[] atLeast(byte[] buf, int size) {
        return buf != null && buf.length >= size ? buf : new byte[Math.max(256, size + size / 4)];
    }

    private static void writeTrailer(byte[] buf, int size, int type) {
        buf[size] = (byte) type;
        Coding.putFixed32(buf, size + 1, Crc32c.mask(crc(buf, size + 1)));
    }

    private static int crc(byte[] buf, int length) {
        return crc(buf, 0, length);
    }

    private static int crc(byte[] buf, int from, int length) {
        CRC32C c = new CRC32C();
        c.update(buf, from, length);
        return (int) c.getValue();
    }

    /**
     * Verifies a stored block read whole ({@code stored.length} = size + trailer) and returns
     * its uncompressed contents (for a raw block a copy of exactly the contents).
     *
     * @throws CorruptionException (without a file) on a checksum mismatch, an unknown type or
     *         undecodable LZ4
     */
    static byte[] unframe(byte[] stored, long offset) {
        return unframe(stored, 0, stored.length, offset);
    }

    /**
     * {@link #unframe(byte[], long)} of the stored block {@code buf[from, from + storedLength)},
     * which lies at {@code offset} in its file (for messages). {@code buf} may be reused afterwards.
     */
    static byte[] unframe(byte[] buf, int from, int storedLength, long offset) {
        int size = storedLength - TRAILER_SIZE;
        int end = from + size;
        int expected = Crc32c.unmask(Coding.getFixed32(buf, end + 1));
        int actual = crc(buf, from, size + 1);
        if (expected != actual) {
            throw new CorruptionException("block checksum mismatch at offset " + offset + " (size " + size
                    + "): expected " + Integer.toHexString(expected) + ", found " + Integer.toHexString(actual));
        }
        int type = buf[end] & 0xFF;
        if (type == Compression.NONE.code()) {
            return java.util.Arrays.copyOfRange(buf, from, end);
        }
        if (type != Compression.LZ4.code()) {
            throw new CorruptionException("unknown block compression type " + type + " at offset " + offset);
        }
        int ulen = 0;
        int p = from;
        for (int shift = 0; ; shift += 7) {
            if (p >= end || shift > 28) {
                throw new CorruptionException("bad uncompressed length of LZ4 block at offset " + offset);
            }
            int b = buf[p++] & 0xFF;
            ulen |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        // LZ4 expands at most 255:1; a larger claim is corrupt and must not allocate.
        if (ulen < 0 || ulen > 255L * (end - p) + 16) {
            throw new CorruptionException("LZ4 block at offset " + offset + " claims " + Integer.toUnsignedString(ulen)
                    + " bytes from " + (end - p));
        }
        byte[] out = new byte[ulen];
        int n;
        try {
            n = DECOMPRESSOR.decompress(buf, p, end - p, out, 0, ulen);
        } catch (LZ4Exception | IndexOutOfBoundsException e) {
            throw new CorruptionException("undecodable LZ4 block at offset " + offset + ": " + e.getMessage());
        }
        if (n != ulen) {
            throw new CorruptionException("LZ4 block at offset " + offset + " decoded to " + n + " bytes, expected " + ulen);
        }
        return out;
    }
}
