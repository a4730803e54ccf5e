package dev.lsmkv.engine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;

/**
 * Uncompressed SSTable blocks, shared by every table reader of one engine, bounded by the sum
 * of the blocks' byte lengths. Caffeine (Window TinyLFU) decides what to evict.
 *
 * <p>Thread-safe. Eviction work runs on the calling thread ({@code Runnable::run} executor), so
 * after {@link #put} returns the cache is back within its capacity and the counters are exact:
 * tests need no waiting.
 *
 * <p>Invariants: (1) a cached array is never modified, by the cache or by its readers; (2) the
 * key (file number, offset) names one block forever, because file numbers are never reused and
 * SSTables are immutable, so the cache needs no invalidation when a file is deleted: its blocks
 * simply age out.
 */
public final class BlockCache {

    /**
     * A block's identity. equals and hashCode are written out: a record's generated ones go
     * through method-handle chains that C2 did not fully inline at this call site (JFR of the
     * Spring starter's CustomerBench: {@code Key.equals} was 23% of the samples under {@link #get}).
     */
    private record Key(long fileNumber, long blockOffset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.fileNumber == fileNumber && k.blockOffset == blockOffset;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(fileNumber * 0x9E3779B97F4A7C15L + blockOffset);
        }
    }

    private final long capacityBytes;
    private final Cache<Key, CachedBlock> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    /** REQUIRES: capacityBytes &gt; 0. */
    public BlockCache(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("block cache capacity must be > 0, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(capacityBytes)
                .<Key, CachedBlock>weigher((key, block) -> block.sizeBytes())
                .executor(Runnable::run)
                .<Key, CachedBlock>removalListener((key, block, cause) -> {
                    if (cause.wasEvicted()) {
                        evictions.increment();
                    }
                })
                .build();
    }

    /** The cached block, or null; counts a hit or a miss. The array must not be modified. */
    public CachedBlock get(long fileNumber, long blockOffset) {
        CachedBlock block = cache.getIfPresent(new Key(fileNumber, blockOffset));
        if (block == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return block;
    }

    /**
     * Caches {@code block}, which the caller must not modify afterwards. A block larger than
     * the whole capacity is evicted at once (and counted as an eviction).
     */
    public void put(long fileNumber, long blockOffset, CachedBlock block) {
        cache.put(new Key(fileNumber, blockOffset), block);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Blocks removed to make room (not replaced ones). */
    public long evictions() {
        return evictions.sum();
    }

    /** Sum of the lengths of the cached blocks. */
    public long sizeBytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    public long capacityBytes() {
        return capacityBytes;
    }
}
