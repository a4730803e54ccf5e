/**
 * The block cache: uncompressed SSTable blocks kept in memory, evicted by byte size, keyed by
 * (file number, block offset). It knows nothing of the SSTable format: a block is opaque bytes.
 * Internal, no compatibility promise.
 */
package dev.lsmkv.engine.cache;
