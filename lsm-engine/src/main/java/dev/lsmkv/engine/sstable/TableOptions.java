package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.Compression;

/**
 * How a {@link TableBuilder} lays out a table. Readers need none of it: everything a reader
 * must know is recorded in the file.
 *
 * @param blockSize       target uncompressed size of a data block in bytes; a block is cut once
 *                        it reaches this size, so one entry larger than it makes a larger block
 * @param restartInterval entries between restart points (full keys) in a data block
 * @param compression     how data blocks are compressed
 * @param bloomBitsPerKey bloom filter bits per distinct user key; 0 writes no filter
 */
public record TableOptions(int blockSize, int restartInterval, Compression compression, int bloomBitsPerKey) {

    public static final int DEFAULT_BLOCK_SIZE = 4096;
    public static final int DEFAULT_RESTART_INTERVAL = 16;
    public static final int DEFAULT_BLOOM_BITS_PER_KEY = 10;

    public TableOptions {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
        }
        if (restartInterval < 1) {
            throw new IllegalArgumentException("restartInterval must be >= 1, got " + restartInterval);
        }
        if (compression == null) {
            throw new IllegalArgumentException("compression must not be null");
        }
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > 1000) {
            throw new IllegalArgumentException("bloomBitsPerKey must be in 0..1000, got " + bloomBitsPerKey);
        }
    }

    /** 4 KiB blocks, a restart every 16 entries, LZ4, 10 bloom bits per key (about 1% false positives). */
    public static TableOptions defaults() {
        return new TableOptions(DEFAULT_BLOCK_SIZE, DEFAULT_RESTART_INTERVAL, Compression.LZ4, DEFAULT_BLOOM_BITS_PER_KEY);
    }
}
