package dev.lsmkv.engine.version;

import static dev.lsmkv.engine.version.TestFiles.file;
import static dev.lsmkv.engine.version.TestFiles.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.CorruptionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTests {

    private static Version build(VersionEdit... edits) {
        VersionBuilder b = new VersionBuilder(Version.empty(null));
        for (VersionEdit e : edits) {
            b.apply(e);
        }
        return b.build(null);
    }

    private static List<Long> numbers(List<FileMetaData> files) {
        return files.stream().map(FileMetaData::number).toList();
    }

    /** L0: #3 [a..f], #5 [d..k], #7 [x..z]; L1: #10 [a..c], #11 [e..g], #12 [m..p]. */
    private static Version sample() {
        return build(new VersionEdit()
                .addFile(0, file(3, "a", "f")).addFile(0, file(7, "x", "z")).addFile(0, file(5, "d", "k"))
                .addFile(1, file(12, "m", "p")).addFile(1, file(10, "a", "c")).addFile(1, file(11, "e", "g")));
    }

    // ---- shape ----

    @Test
    void levelZeroIsNewestFirst() {
        assertThat(numbers(sample().files(0))).containsExactly(7L, 5L, 3L);
    }

    @Test
    void levelOneIsSortedBySmallestKey() {
        assertThat(numbers(sample().files(1))).containsExactly(10L, 11L, 12L);
    }

    @Test
    void countsFilesAndBytes() {
        Version v = build(new VersionEdit().addFile(0, file(1, "a", "b", 100)).addFile(2, file(2, "a", "b", 250))
                .addFile(2, file(3, "c", "d", 50)));
        assertThat(v.numFiles(0)).isEqualTo(1);
        assertThat(v.numFiles(2)).isEqualTo(2);
        assertThat(v.levelBytes(2)).isEqualTo(300);
        assertThat(v.totalBytes()).isEqualTo(400);
    }

    @Test
    void filesListsAreUnmodifiable() {
        assertThatThrownBy(() -> sample().files(1).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- overlappingFiles ----

    @Test
    void overlappingFilesOnLevelZeroIsThePlainOverlapList() {
        // [e..e] touches #3 [a..f] and #5 [d..k]; #5 reaches k but the list is not widened.
        assertThat(numbers(sample().overlappingFiles(0, key("e"), key("e")))).containsExactly(5L, 3L);
    }

    @Test
    void overlappingFilesOnLevelZeroWithUnboundedRange() {
        assertThat(numbers(sample().overlappingFiles(0, null, null))).containsExactly(7L, 5L, 3L);
    }

    @Test
    void overlappingFilesOnLevelOneIncludesBoundaryTouches() {
        // [c..m] touches #10 at c, all of #11, and #12 at m.
        assertThat(numbers(sample().overlappingFiles(1, key("c"), key("m")))).containsExactly(10L, 11L, 12L);
    }

    @Test
    void overlappingFilesOnLevelOneInAGap() {
        assertThat(sample().overlappingFiles(1, key("h"), key("l"))).isEmpty();
    }

    @Test
    void overlappingFilesOnLevelOneWithOpenEnds() {
        assertThat(numbers(sample().overlappingFiles(1, null, key("e")))).containsExactly(10L, 11L);
        assertThat(numbers(sample().overlappingFiles(1, key("g"), null))).containsExactly(11L, 12L);
    }

    // ---- findFile ----

    @Test
    void findFileReturnsTheFileWhoseRangeHoldsTheKey() {
        assertThat(sample().findFile(1, key("f")).number()).isEqualTo(11);
        assertThat(sample().findFile(1, key("a")).number()).isEqualTo(10);
        assertThat(sample().findFile(1, key("p")).number()).isEqualTo(12);
    }

    @Test
    void findFileReturnsNullInAGapBeforeAndAfter() {
        assertThat(sample().findFile(1, key("d"))).isNull();
        assertThat(sample().findFile(1, key("q"))).isNull();
        assertThat(build().findFile(1, key("a"))).isNull();
    }

    @Test
    void findFileRefusesLevelZero() {
        assertThatThrownBy(() -> sample().findFile(0, key("a"))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- building from edits ----

    @Test
    void deletionsApplyBeforeAdditionsSoAFileCanMoveLevels() {
        Version v = build(new VersionEdit().addFile(1, file(4, "a", "b")),
                new VersionEdit().deleteFile(1, 4).addFile(2, file(4, "a", "b")));
        assertThat(v.numFiles(1)).isZero();
        assertThat(numbers(v.files(2))).containsExactly(4L);
    }

    @Test
    void addingALiveFileAgainIsCorruption() {
        assertThatThrownBy(() -> build(new VersionEdit().addFile(1, file(4, "a", "b")),
                new VersionEdit().addFile(3, file(4, "x", "y"))))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("adds file 4");
    }

    @Test
    void deletingAMissingFileIsCorruption() {
        assertThatThrownBy(() -> build(new VersionEdit().deleteFile(2, 9)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("deletes file 9");
    }

    @Test
    void deletingAFileFromTheWrongLevelIsCorruption() {
        assertThatThrownBy(() -> build(new VersionEdit().addFile(1, file(4, "a", "b")), new VersionEdit().deleteFile(2, 4)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("level 1");
    }

    @Test
    void overlappingFilesInLevelOneAreCorruption() {
        assertThatThrownBy(() -> build(new VersionEdit().addFile(1, file(4, "a", "f")).addFile(1, file(5, "e", "k"))))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("overlap in level 1");
    }

    // ---- reference counting ----

    @Test
    void releaseCallbackRunsOnceWhenTheLastReferenceGoes() {
        int[] released = {0};
        Version v = Version.empty(x -> released[0]++);
        v.ref();
        v.ref();
        v.unref();
        assertThat(released[0]).isZero();
        v.unref();
        assertThat(released[0]).isEqualTo(1);
        assertThat(v.isReleased()).isTrue();
    }

    @Test
    void aReleasedVersionCannotBeRefdAgain() {
        Version v = Version.empty(null);
        v.ref();
        v.unref();
        assertThatThrownBy(v::ref).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unrefWithoutRefFails() {
        assertThatThrownBy(() -> Version.empty(null).unref()).isInstanceOf(IllegalStateException.class);
    }
}
