package dev.lsmkv.engine;

/** How SSTable data blocks are compressed. The codes are written on disk: never renumber them. */
public enum Compression {
    /** Blocks stored as they are. */
    NONE(0),
    /** LZ4 (fast compressor); a block is kept uncompressed unless LZ4 saves at least 12.5%. */
    LZ4(1);

    private final int code;

    Compression(int code) {
        this.code = code;
    }

    /** The on-disk code of this compression in a block trailer. */
    public int code() {
        return code;
    }
}
