package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.util.Coding;
import dev.lsmkv.engine.util.Crc32c;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The last {@value #SIZE} bytes of every table:
 *
 * <pre>
 * footer := properties: BlockHandle | filter: BlockHandle | index: BlockHandle   (48 bytes)
 *           version: fixed32 | crc: fixed32 (masked CRC32C of the 52 bytes before it) | magic: fixed64
 * BlockHandle := offset: fixed64 | size: fixed64 (contents only, without the 5-byte trailer)
 * </pre>
 *
 * A filter handle of size 0 means "no filter". The last 16 bytes (version, crc, magic) keep
 * their places in every future version; a newer footer may only grow at its front. So a reader
 * checks the magic, then the checksum, then the version. Magic, sizes and version 1's layout are
 * on disk: NEVER change them.
 */
record Footer(BlockHandle properties, BlockHandle filter, BlockHandle index) {

    static final int SIZE = 64;
    static final int VERSION_CURRENT = 1;
    /** "LSMKVSST" in ASCII, read as a little-endian fixed64. */
    static final long MAGIC = Coding.getFixed64("LSMKVSST".getBytes(StandardCharsets.US_ASCII), 0);

    byte[] encode() {
        byte[] out = new byte[SIZE];
        put(out, 0, properties);
        put(out, 16, filter);
        put(out, 32, index);
        Coding.putFixed32(out, 48, VERSION_CURRENT);
        Coding.putFixed32(out, 52, Crc32c.mask(Crc32c.value(out, 0, 52)));
        Coding.putFixed64(out, 56, MAGIC);
        return out;
    }

    private static void put(byte[] out, int at, BlockHandle h) {
        Coding.putFixed64(out, at, h.offset());
        Coding.putFixed64(out, at + 8, h.size());
    }

    /**
     * Parses and checks the footer of a file of {@code fileSize} bytes, including that every
     * handle lies inside the file before the footer.
     *
     * @throws CorruptionException naming {@code path} if anything is wrong
     * @throws LsmException if a newer lsmkv wrote the file
     */
    static Footer decode(byte[] f, long fileSize, Path path) {
        long magic = Coding.getFixed64(f, 56);
        if (magic != MAGIC) {
            throw new CorruptionException(path, "bad magic number " + Long.toHexString(magic) + " in the last 8 of "
                    + fileSize + " bytes, expected " + Long.toHexString(MAGIC)
                    + " (a truncated file, or not an lsmkv SSTable)");
        }
        int version = Coding.getFixed32(f, 48);
        int expected = Crc32c.unmask(Coding.getFixed32(f, 52));
        int actual = Crc32c.value(f, 0, 52);
        if (expected != actual) {
            throw new CorruptionException(path, "footer checksum mismatch at offset " + (fileSize - SIZE) + ": expected "
                    + Integer.toHexString(expected) + ", found " + Integer.toHexString(actual)
                    + (version > VERSION_CURRENT ? " (format version " + version
                            + ": damaged, or written by a newer lsmkv)" : ""));
        }
        if (version > VERSION_CURRENT) {
            throw new LsmException("SSTable " + path + " was written by a newer lsmkv (format version " + version
                    + "; this one reads up to " + VERSION_CURRENT + "): upgrade lsmkv to open it");
        }
        if (version < 1) {
            throw new CorruptionException(path, "bad format version " + Integer.toUnsignedString(version) + " in footer");
        }
        long metaEnd = fileSize - SIZE;
        BlockHandle props = handle(f, 0, metaEnd, "properties", path);
        BlockHandle filter = handle(f, 16, metaEnd, "filter", path);
        BlockHandle index = handle(f, 32, metaEnd, "index", path);
        return new Footer(props, filter, index);
    }

    private static BlockHandle handle(byte[] f, int at, long limit, String what, Path path) {
        BlockHandle h = new BlockHandle(Coding.getFixed64(f, at), Coding.getFixed64(f, at + 8));
        checkBounds(h, limit, what, path);
        return h;
    }

    /** @throws CorruptionException unless the stored block {@code h} lies in {@code [0, limit)}. */
    static void checkBounds(BlockHandle h, long limit, String what, Path path) {
        long off = h.offset();
        long size = h.size();
        if (off < 0 || size < 0 || size > Integer.MAX_VALUE - 64 || off > limit - size - BlockIo.TRAILER_SIZE) {
            throw new CorruptionException(path, what + " handle " + Long.toUnsignedString(off) + "+"
                    + Long.toUnsignedString(size) + " (+" + BlockIo.TRAILER_SIZE + " trailer) lies outside the "
                    + limit + " bytes of blocks");
        }
    }
}
