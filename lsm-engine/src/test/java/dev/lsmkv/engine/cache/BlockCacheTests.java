package dev.lsmkv.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockCacheTests {

    @Test
    void getOfAbsentBlockIsMissAndNull() {
        BlockCache cache = new BlockCache(1024);
        assertThat(cache.get(1, 0)).isNull();
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void getAfterPutIsHitAndSameBytes() {
        BlockCache cache = new BlockCache(1024);
        CachedBlock block = block(3);
        cache.put(7, 4096, block);
        assertThat(cache.get(7, 4096)).isSameAs(block);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isZero();
        assertThat(cache.sizeBytes()).isEqualTo(3);
    }

    @Test
    void keyIsFileNumberAndOffsetTogether() {
        BlockCache cache = new BlockCache(1024);
        cache.put(1, 100, block(1));
        assertThat(cache.get(2, 100)).isNull();
        assertThat(cache.get(1, 101)).isNull();
        assertThat(cache.get(1, 100).sizeBytes()).isEqualTo(1);
    }

    @Test
    void evictsByBytesAndCountsEvictions() {
        BlockCache cache = new BlockCache(10_000);
        for (int i = 0; i < 100; i++) {
            cache.put(1, i * 1000L, block(1000));
        }
        assertThat(cache.sizeBytes()).isLessThanOrEqualTo(10_000);
        assertThat(cache.evictions()).isGreaterThanOrEqualTo(90);
        assertThat(cache.capacityBytes()).isEqualTo(10_000);
    }

    @Test
    void replacingBlockIsNotEviction() {
        BlockCache cache = new BlockCache(10_000);
        cache.put(1, 0, block(10));
        cache.put(1, 0, block(20));
        assertThat(cache.evictions()).isZero();
        assertThat(cache.sizeBytes()).isEqualTo(20);
    }

    @Test
    void blockLargerThanCapacityIsEvictedAtOnce() {
        BlockCache cache = new BlockCache(100);
        cache.put(1, 0, block(101));
        assertThat(cache.get(1, 0)).isNull();
        assertThat(cache.evictions()).isEqualTo(1);
        assertThat(cache.sizeBytes()).isZero();
    }

    @Test
    void rejectsZeroCapacity() {
        assertThatThrownBy(() -> new BlockCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A block of {@code size} bytes: the cache only needs its weight. */
    private static CachedBlock block(int size) {
        return () -> size;
    }
}
