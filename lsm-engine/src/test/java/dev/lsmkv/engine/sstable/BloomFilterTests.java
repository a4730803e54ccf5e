package dev.lsmkv.engine.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.KeyHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BloomFilterTests {

    private static long hash(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return KeyHash.of(b, 0, b.length);
    }

    private static BloomFilter filterOf(int n, int bitsPerKey) {
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = hash("present-" + i);
        }
        return BloomFilter.decode(BloomFilter.build(hashes, n, bitsPerKey));
    }

    @Test
    void falsePositiveRateAtTenBitsPerKeyIsAboutOnePercent() {
        BloomFilter f = filterOf(100_000, 10);
        int falsePositives = 0;
        for (int i = 0; i < 100_000; i++) {
            if (f.mayContain(hash("absent-" + i))) {
                falsePositives++;
            }
        }
        double rate = falsePositives / 100_000.0;
        System.out.printf("bloom: 100k keys, 10 bits/key, k=%d: false-positive rate %.3f%% on 100k absent keys%n",
                f.k(), rate * 100);
        assertThat(f.k()).isEqualTo(7);
        assertThat(rate).isLessThanOrEqualTo(0.015);
    }

    @Test
    void neverFalseNegative() {
        for (int bits : new int[] {1, 2, 5, 10, 20}) {
            BloomFilter f = filterOf(5000, bits);
            for (int i = 0; i < 5000; i++) {
                assertThat(f.mayContain(hash("present-" + i))).isTrue();
            }
        }
    }

    @Test
    void probesAreClampedToOneThroughThirty() {
        assertThat(BloomFilter.probes(1)).isEqualTo(1);
        assertThat(BloomFilter.probes(10)).isEqualTo(7);
        assertThat(BloomFilter.probes(100)).isEqualTo(30);
    }

    @Test
    void emptyFilterContainsNothing() {
        BloomFilter f = BloomFilter.decode(BloomFilter.build(new long[0], 0, 10));
        assertThat(f.numBits()).isEqualTo(64);
        assertThat(f.mayContain(hash("x"))).isFalse();
    }

    @Test
    void hashIsXxHash64WithFixedSeed() {
        // Pinned: the hash is part of the file format.
        assertThat(hash("")).isEqualTo(net.jpountz.xxhash.XXHashFactory.safeInstance().hash64()
                .hash(new byte[0], 0, 0, KeyHash.SEED));
        assertThat(KeyHash.SEED).isEqualTo(0x4C534D4B56424C4FL);
    }

    @Test
    void badProbeCountIsCorruption() {
        byte[] block = BloomFilter.build(new long[] {1, 2}, 2, 10);
        block[block.length - 1] = 31;
        assertThatThrownBy(() -> BloomFilter.decode(block)).isInstanceOf(CorruptionException.class);
        block[block.length - 1] = 0;
        assertThatThrownBy(() -> BloomFilter.decode(block)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void tooShortBlockIsCorruption() {
        assertThatThrownBy(() -> BloomFilter.decode(new byte[] {7})).isInstanceOf(CorruptionException.class);
    }
}
