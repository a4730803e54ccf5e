package dev.lsmkv.engine.cache;

/**
 * What the block cache holds: a block already verified and parsed by its reader, so a cache hit
 * costs no checksum, decompression or parsing. The cache weighs it by {@link #sizeBytes()}.
 */
public interface CachedBlock {

    /** The bytes the block holds in memory (its uncompressed contents). */
    int sizeBytes();
}
