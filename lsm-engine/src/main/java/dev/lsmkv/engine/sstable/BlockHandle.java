package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.util.ByteWriter;

/**
 * Where a block lies in the file: the offset of its first byte and the size of its stored
 * contents, excluding the {@value BlockIo#TRAILER_SIZE}-byte trailer. In index entries it is
 * {@code offset: varint64 | size: varint64}; in the footer two fixed64s.
 */
record BlockHandle(long offset, long size) {

    static final BlockHandle EMPTY = new BlockHandle(0, 0);

    void encodeVarints(ByteWriter w) {
        w.writeVarint64(offset).writeVarint64(size);
    }

    /** The byte after the block's trailer. */
    long end() {
        return offset + size + BlockIo.TRAILER_SIZE;
    }

    @Override
    public String toString() {
        return "block@" + offset + "+" + size;
    }
}
