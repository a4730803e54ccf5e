package dev.lsmkv.engine.version;

import static dev.lsmkv.engine.version.TestFiles.file;
import static dev.lsmkv.engine.version.TestFiles.ikey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.InternalKey;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionEditTests {

    private static VersionEdit roundTrip(VersionEdit e) {
        return VersionEdit.decode(e.encode());
    }

    // ---- round trips, one field per test ----

    @Test
    void emptyEditEncodesToNothingAndDecodesEmpty() {
        VersionEdit e = new VersionEdit();
        assertThat(e.encode()).isEmpty();
        VersionEdit d = roundTrip(e);
        assertThat(d.hasLogNumber()).isFalse();
        assertThat(d.hasNextFileNumber()).isFalse();
        assertThat(d.hasLastSequence()).isFalse();
        assertThat(d.newFiles()).isEmpty();
        assertThat(d.deletedFiles()).isEmpty();
        assertThat(d.compactPointers()).isEmpty();
    }

    @Test
    void roundTripsLogNumber() {
        assertThat(roundTrip(new VersionEdit().setLogNumber(123_456_789_012L)).logNumber()).isEqualTo(123_456_789_012L);
    }

    @Test
    void roundTripsNextFileNumber() {
        assertThat(roundTrip(new VersionEdit().setNextFileNumber(42)).nextFileNumber()).isEqualTo(42);
    }

    @Test
    void roundTripsLastSequenceUpToMax() {
        VersionEdit d = roundTrip(new VersionEdit().setLastSequence(InternalKey.MAX_SEQUENCE));
        assertThat(d.lastSequence()).isEqualTo(InternalKey.MAX_SEQUENCE);
    }

    @Test
    void roundTripsCompactPointers() {
        VersionEdit d = roundTrip(new VersionEdit().setCompactPointer(1, ikey("m", 7)).setCompactPointer(6, ikey("z", 1)));
        assertThat(d.compactPointers()).hasSize(2);
        assertThat(d.compactPointers().get(0).level()).isEqualTo(1);
        assertThat(d.compactPointers().get(0).internalKey()).isEqualTo(ikey("m", 7));
        assertThat(d.compactPointers().get(1).level()).isEqualTo(6);
        assertThat(d.compactPointers().get(1).internalKey()).isEqualTo(ikey("z", 1));
    }

    @Test
    void roundTripsDeletedFiles() {
        VersionEdit d = roundTrip(new VersionEdit().deleteFile(0, 5).deleteFile(3, 1L << 40));
        assertThat(d.deletedFiles()).containsExactly(new VersionEdit.DeletedFile(0, 5),
                new VersionEdit.DeletedFile(3, 1L << 40));
    }

    @Test
    void deletingTheSameFileTwiceIsRecordedOnce() {
        VersionEdit d = roundTrip(new VersionEdit().deleteFile(2, 9).deleteFile(2, 9));
        assertThat(d.deletedFiles()).containsExactly(new VersionEdit.DeletedFile(2, 9));
    }

    @Test
    void roundTripsNewFileWithEveryMetadataField() {
        FileMetaData f = new FileMetaData(77, 4_000_000_000L, ikey("apple", 900), ikey("pear", 3), 1_000_000, 12,
                3, 900, 1_700_000_000_123L);
        VersionEdit d = roundTrip(new VersionEdit().addFile(4, f));
        assertThat(d.newFiles()).hasSize(1);
        assertThat(d.newFiles().get(0).level()).isEqualTo(4);
        FileMetaData g = d.newFiles().get(0).file();
        assertThat(g).isEqualTo(f);
        assertThat(g.number()).isEqualTo(77);
        assertThat(g.fileSize()).isEqualTo(4_000_000_000L);
        assertThat(g.smallest()).isEqualTo(ikey("apple", 900));
        assertThat(g.largest()).isEqualTo(ikey("pear", 3));
        assertThat(g.entries()).isEqualTo(1_000_000);
        assertThat(g.tombstones()).isEqualTo(12);
        assertThat(g.minSequence()).isEqualTo(3);
        assertThat(g.maxSequence()).isEqualTo(900);
        assertThat(g.earliestExpiryMillis()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void roundTripsNoExpiry() {
        VersionEdit d = roundTrip(new VersionEdit().addFile(0, file(1, "a", "b")));
        assertThat(d.newFiles().get(0).file().earliestExpiryMillis()).isEqualTo(FileMetaData.NO_EXPIRY);
    }

    @Test
    void roundTripsAllFieldsTogetherByteForByte() {
        VersionEdit e = new VersionEdit().setLogNumber(3).setNextFileNumber(10).setLastSequence(99)
                .setCompactPointer(2, ikey("k", 5)).deleteFile(1, 4).addFile(2, file(8, "a", "c"));
        byte[] bytes = e.encode();
        assertThat(VersionEdit.decode(bytes).encode()).isEqualTo(bytes);
    }

    // ---- what addFile refuses (so a bad edit never reaches the manifest) ----

    @Test
    void addFileRejectsSmallestAboveLargest() {
        FileMetaData f = new FileMetaData(1, 10, ikey("z", 1), ikey("a", 1), 1, 0, 1, 1, FileMetaData.NO_EXPIRY);
        assertThatThrownBy(() -> new VersionEdit().addFile(1, f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addFileRejectsLevelOutOfRange() {
        assertThatThrownBy(() -> new VersionEdit().addFile(7, file(1, "a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- malformed input ----

    @Test
    void decodeRejectsUnknownTag() {
        assertThatThrownBy(() -> VersionEdit.decode(new byte[] {99, 1}))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("unknown version edit tag 99");
    }

    @Test
    void decodeRejectsReservedComparatorTag() {
        assertThatThrownBy(() -> VersionEdit.decode(new byte[] {1, 0}))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("tag 1");
    }

    @Test
    void decodeRejectsBadLevel() {
        byte[] bytes = new VersionEdit().deleteFile(6, 5).encode();
        bytes[1] = 7;
        assertThatThrownBy(() -> VersionEdit.decode(bytes))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("bad level 7");
    }

    @Test
    void decodeRejectsEveryTruncation() {
        byte[] bytes = new VersionEdit().setLogNumber(300).setNextFileNumber(1 << 20).setLastSequence(1L << 40)
                .setCompactPointer(2, ikey("key", 5)).deleteFile(1, 400).addFile(2, file(8, "aa", "cc")).encode();
        // Every proper prefix that ends inside a field must fail; prefixes ending on a field
        // boundary are valid shorter edits.
        int failures = 0;
        for (int n = 1; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            try {
                VersionEdit.decode(prefix);
            } catch (CorruptionException e) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(bytes.length - 8);
    }

    @Test
    void decodeRejectsTruncatedNewFile() {
        byte[] bytes = new VersionEdit().addFile(2, file(8, "aa", "cc")).encode();
        assertThatThrownBy(() -> VersionEdit.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("truncated");
    }

    @Test
    void decodeRejectsKeyShorterThanTrailer() {
        // tag 5, level 1, length 3, "abc"
        assertThatThrownBy(() -> VersionEdit.decode(new byte[] {5, 1, 3, 'a', 'b', 'c'}))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("trailer");
    }

    @Test
    void decodeRejectsLengthBeyondTheRecord() {
        assertThatThrownBy(() -> VersionEdit.decode(new byte[] {5, 1, 100, 'a'}))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("bad length");
    }

    @Test
    void decodeRejectsNegativeFileNumber() {
        byte[] bytes = {6, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        assertThatThrownBy(() -> VersionEdit.decode(bytes))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("out of range");
    }

    @Test
    void decodeOfRandomBytesOnlyEverThrowsCorruption() {
        Random random = new Random(0x5EED);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) (2 + random.nextInt(6)); // a valid tag, so the fuzz reaches the fields
            }
            assertDecodesOrCorrupt(bytes, "seed 0x5EED, iteration " + i);
        }
    }

    @Test
    void decodeOfMutatedValidEditsOnlyEverThrowsCorruption() {
        byte[] valid = new VersionEdit().setLogNumber(3).setNextFileNumber(10).setLastSequence(99)
                .setCompactPointer(2, ikey("k", 5)).deleteFile(1, 4).addFile(2, file(8, "a", "c")).encode();
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            assertDecodesOrCorrupt(bytes, "seed 42, iteration " + i);
        }
    }

    private static void assertDecodesOrCorrupt(byte[] bytes, String where) {
        try {
            VersionEdit.decode(bytes);
        } catch (CorruptionException expected) {
            // the only exception allowed
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": " + e + " decoding " + Arrays.toString(bytes), e);
        }
    }
}
