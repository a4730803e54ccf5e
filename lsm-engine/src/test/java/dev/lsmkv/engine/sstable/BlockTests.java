package dev.lsmkv.engine.sstable;

import static dev.lsmkv.engine.sstable.Tables.ikey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.util.ByteWriter;
import dev.lsmkv.engine.util.Coding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockTests {

    /** Keys k000, k002, ... (even numbers), so odd numbers fall between keys. */
    private static List<byte[]> keys(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ikey(String.format("k%03d", 2 * i), 100 - i % 7, EntryKind.PUT));
        }
        return out;
    }

    private static Block build(List<byte[]> keys, int restartInterval) {
        BlockBuilder b = new BlockBuilder(restartInterval);
        for (byte[] k : keys) {
            b.add(k, ("v" + InternalKey.describe(k)).getBytes());
        }
        int estimate = b.estimatedSize();
        ByteWriter w = b.finish();
        assertThat(w.size()).isEqualTo(estimate);
        return new Block(w.toByteArray());
    }

    @Test
    void roundTripsEveryEntryInOrder() {
        List<byte[]> keys = keys(100);
        Block block = build(keys, 16);
        Block.Iter it = block.iterator();
        int i = 0;
        for (it.seekToFirst(); it.isValid(); it.next()) {
            assertThat(it.key()).isEqualTo(keys.get(i));
            assertThat(new String(it.value())).isEqualTo("v" + InternalKey.describe(keys.get(i)));
            i++;
        }
        assertThat(i).isEqualTo(100);
        assertThat(block.numRestarts).isEqualTo(7);
    }

    @Test
    void keysHandedOutStayValidAfterNext() {
        Block.Iter it = build(keys(3), 16).iterator();
        it.seekToFirst();
        byte[] first = it.key();
        byte[] firstValue = it.value();
        it.next();
        assertThat(first).isEqualTo(keys(1).get(0));
        assertThat(new String(firstValue)).startsWith("v");
        assertThat(it.key()).isNotSameAs(first);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void seeksLandOnFirstKeyAtOrAfterTargetForEveryRestartInterval(int interval) {
        List<byte[]> keys = keys(50);
        Block block = build(keys, interval);
        Block.Iter it = block.iterator();
        for (int i = 0; i < 50; i++) {
            // Exact key.
            it.seek(keys.get(i));
            assertThat(it.isValid()).isTrue();
            assertThat(it.key()).isEqualTo(keys.get(i));
            // Between keys: k(2i+1) lands on k(2i+2).
            it.seek(ikey(String.format("k%03d", 2 * i + 1), 5, EntryKind.PUT));
            if (i + 1 < 50) {
                assertThat(it.key()).isEqualTo(keys.get(i + 1));
            } else {
                assertThat(it.isValid()).isFalse();
            }
            // Same user key, newer sequence: sorts before, so lands on it; older: after it.
            byte[] user = InternalKey.userKey(keys.get(i));
            it.seek(InternalKey.lookupKey(user, InternalKey.MAX_SEQUENCE));
            assertThat(it.key()).isEqualTo(keys.get(i));
            it.seek(InternalKey.encode(user, 0, EntryKind.DELETE));
            if (i + 1 < 50) {
                assertThat(it.key()).isEqualTo(keys.get(i + 1));
            } else {
                assertThat(it.isValid()).isFalse();
            }
        }
    }

    @Test
    void seekBeforeFirstKeyLandsOnFirst() {
        List<byte[]> keys = keys(40);
        Block.Iter it = build(keys, 4).iterator();
        it.seek(ikey("a", 1, EntryKind.PUT));
        assertThat(it.key()).isEqualTo(keys.get(0));
    }

    @Test
    void seekAfterLastKeyIsInvalid() {
        Block.Iter it = build(keys(40), 4).iterator();
        it.seek(ikey("z", 1, EntryKind.PUT));
        assertThat(it.isValid()).isFalse();
    }

    @Test
    void seekThenNextWalksOnAcrossRestarts() {
        List<byte[]> keys = keys(40);
        Block.Iter it = build(keys, 3).iterator();
        it.seek(keys.get(5));
        for (int i = 5; i < 40; i++) {
            assertThat(it.key()).isEqualTo(keys.get(i));
            it.next();
        }
        assertThat(it.isValid()).isFalse();
    }

    @Test
    void emptyBlockIsValidAndHasNoEntries() {
        Block block = build(List.of(), 16);
        Block.Iter it = block.iterator();
        it.seekToFirst();
        assertThat(it.isValid()).isFalse();
        it.seek(ikey("a", 1, EntryKind.PUT));
        assertThat(it.isValid()).isFalse();
    }

    // ---- corruption (blocks whose checksum would match, i.e. forged or buggy bytes) ----

    private static byte[] validBlock() {
        BlockBuilder b = new BlockBuilder(2);
        for (byte[] k : keys(6)) {
            b.add(k, new byte[] {1, 2, 3});
        }
        return b.finish().toByteArray();
    }

    private static void scanAndSeek(byte[] contents) {
        Block block = new Block(contents);
        Block.Iter it = block.iterator();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            it.key();
            it.value();
        }
        it.seek(ikey("k005", 1, EntryKind.PUT));
    }

    @Test
    void restartCountLargerThanBlockIsCorruption() {
        byte[] b = validBlock();
        Coding.putFixed32(b, b.length - 4, 1_000_000);
        assertThatThrownBy(() -> new Block(b)).isInstanceOf(CorruptionException.class).hasMessageContaining("restart count");
    }

    @Test
    void zeroRestartCountIsCorruption() {
        byte[] b = validBlock();
        Coding.putFixed32(b, b.length - 4, 0);
        assertThatThrownBy(() -> new Block(b)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void decreasingRestartPointsAreCorruption() {
        byte[] b = validBlock();
        int restarts = b.length - 4 - 4 * 3;
        Coding.putFixed32(b, restarts + 8, 1);
        assertThatThrownBy(() -> new Block(b)).isInstanceOf(CorruptionException.class).hasMessageContaining("restart point");
    }

    @Test
    void restartPointPastEntriesIsCorruption() {
        byte[] b = validBlock();
        int restarts = b.length - 4 - 4 * 3;
        Coding.putFixed32(b, restarts + 8, restarts + 2);
        assertThatThrownBy(() -> new Block(b)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void blockShorterThanRestartCountIsCorruption() {
        assertThatThrownBy(() -> new Block(new byte[3])).isInstanceOf(CorruptionException.class);
    }

    @Test
    void restartPointIntoMiddleOfEntryIsCorruption() {
        byte[] b = validBlock();
        int restarts = b.length - 4 - 4 * 3;
        Coding.putFixed32(b, restarts + 4, Coding.getFixed32(b, restarts + 4) + 1);
        assertThatThrownBy(() -> scanAndSeek(b)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void garbageVarintIsCorruption() {
        byte[] b = validBlock();
        Arrays.fill(b, 0, 6, (byte) 0xFF);
        assertThatThrownBy(() -> scanAndSeek(b)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void unknownKindCodeIsCorruption() {
        BlockBuilder builder = new BlockBuilder(16);
        builder.add(InternalKey.encode("a".getBytes(), 1, 7), new byte[0]);
        byte[] b = builder.finish().toByteArray();
        assertThatThrownBy(() -> scanAndSeek(b)).isInstanceOf(CorruptionException.class).hasMessageContaining("kind");
    }

    @Test
    void keyShorterThanTrailerIsCorruption() {
        BlockBuilder builder = new BlockBuilder(16);
        builder.add(new byte[] {1, 2, 3}, new byte[0]);
        byte[] b = builder.finish().toByteArray();
        assertThatThrownBy(() -> scanAndSeek(b)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void randomByteDamageIsOnlyEverCorruption() {
        Random rnd = new Random(7);
        byte[] good = validBlock();
        for (int round = 0; round < 20_000; round++) {
            byte[] b = good.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                scanAndSeek(b);
            } catch (CorruptionException expected) {
                // fine: damage detected
            }
        }
    }

    /**
     * Incompressible blocks (random values) are stored raw; framing them with LZ4 asked must
     * reuse the scratch buffer rather than allocate one per block, and still round-trip.
     */
    @Test
    void framingIncompressibleBlocksReusesTheScratchBufferAndRoundTrips() {
        Random random = new Random(7);
        byte[] scratch = null;
        byte[] first = null;
        for (int i = 0; i < 50; i++) {
            byte[] raw = new byte[4000 + random.nextInt(200)]; // block sizes vary a little
            random.nextBytes(raw);
            BlockIo.Framed framed = BlockIo.frame(raw, raw.length, Compression.LZ4, scratch);
            scratch = framed.bytes();
            if (i == 0) {
                first = scratch;
            }
            byte[] stored = Arrays.copyOf(framed.bytes(), framed.length());
            assertThat(stored[framed.contentsSize()]).as("raw type").isEqualTo((byte) Compression.NONE.code());
            assertThat(BlockIo.unframe(stored, 0)).isEqualTo(raw);
        }
        assertThat(scratch).as("one buffer for all 50 blocks").isSameAs(first);
    }
}
