package dev.lsmkv.engine.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.version.VersionSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionPickerTests {

    /** L1 target 1000 bytes, ratio 10, L0 trigger 4, target file 100 bytes (grandparent limit 1000). */
    private static final CompactionConfig CONFIG = new CompactionConfig(1000, 10, 4, 100);

    @TempDir
    Path dir;

    private VersionSet versions;
    private final CompactionPicker picker = new CompactionPicker(CONFIG);
    private final List<Compaction> picked = new ArrayList<>();

    @BeforeEach
    void createVersionSet() throws IOException {
        versions = new VersionSet(dir, NioFileSystem.INSTANCE, 1 << 20);
        versions.create();
    }

    @AfterEach
    void release() throws IOException {
        for (Compaction c : picked) {
            c.inputVersion().unref();
        }
        versions.close();
    }

    private static byte[] key(String userKey) {
        return userKey.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ikey(String userKey, long sequence) {
        return InternalKey.encode(key(userKey), sequence, EntryKind.PUT);
    }

    private static FileMetaData file(long number, String smallest, String largest, long size) {
        return new FileMetaData(number, size, ikey(smallest, 200), ikey(largest, 100), 10, 0, 100, 200,
                FileMetaData.NO_EXPIRY);
    }

    /** Adds {level, file} pairs in one edit. */
    private void add(Object... levelAndFile) throws IOException {
        VersionEdit e = new VersionEdit();
        for (int i = 0; i < levelAndFile.length; i += 2) {
            FileMetaData f = (FileMetaData) levelAndFile[i + 1];
            versions.markFileNumberUsed(f.number());
            e.addFile((Integer) levelAndFile[i], f);
        }
        versions.logAndApply(e);
    }

    private Compaction pick() {
        return keep(picker.pick(versions));
    }

    private Compaction pickManual(int level, String begin, String end) {
        return keep(picker.pickManual(versions, level, begin == null ? null : key(begin), end == null ? null : key(end)));
    }

    private Compaction keep(Compaction c) {
        if (c != null) {
            picked.add(c);
        }
        return c;
    }

    private static List<Long> numbers(List<FileMetaData> files) {
        return files.stream().map(FileMetaData::number).toList();
    }

    // ---- config and scores ----

    @Test
    void maxBytesForLevelGrowsByTheMultiplierAndSaturates() {
        assertThat(CONFIG.maxBytesForLevel(1)).isEqualTo(1000);
        assertThat(CONFIG.maxBytesForLevel(3)).isEqualTo(100_000);
        assertThat(new CompactionConfig(Long.MAX_VALUE / 2, 10, 4, 100).maxBytesForLevel(6)).isEqualTo(Long.MAX_VALUE);
        assertThat(CONFIG.maxGrandparentOverlapBytes()).isEqualTo(1000);
    }

    @Test
    void scoresLevelZeroByCountOthersByBytesAndNotTheLastLevel() throws IOException {
        add(0, file(2, "a", "b", 10), 0, file(3, "a", "b", 10), 1, file(4, "a", "b", 500),
                2, file(5, "a", "b", 20_000), 6, file(6, "a", "b", 1L << 40));
        double[] s = picker.scores(versions.current());
        assertThat(s).hasSize(Version.NUM_LEVELS);
        assertThat(s[0]).isEqualTo(0.5);
        assertThat(s[1]).isEqualTo(0.5);
        assertThat(s[2]).isEqualTo(2.0);
        assertThat(s[6]).isZero();
    }

    @Test
    void pickReturnsNullWhenNoLevelScoresOne() throws IOException {
        add(0, file(2, "a", "b", 10), 1, file(3, "a", "b", 999));
        assertThat(pick()).isNull();
    }

    // ---- level 0 ----

    /** Level 0 with {@code n} files over "a".."b" and a level 1 of 5,000 bytes (score 5). */
    private void level0AndAnOverfullLevel1(int n) throws IOException {
        List<Object> edit = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            edit.add(0);
            edit.add(file(2 + i, "a", "b", 10));
        }
        edit.add(1);
        edit.add(file(100, "x", "z", 5000));
        add(edit.toArray());
    }

    @Test
    void levelZeroGoesFirstOnceWritesAreSlowedDownForIt() throws IOException {
        // slowdown trigger 6: at 6 level-0 files (score 1.5) level 0 goes before level 1 (score 5)
        CompactionPicker slowdownAware = new CompactionPicker(new CompactionConfig(1000, 10, 4, 100, false, 0, 6));
        level0AndAnOverfullLevel1(6);
        Compaction c = keep(slowdownAware.pick(versions));
        assertThat(c.level()).isZero();
        assertThat(numbers(c.inputs())).hasSize(6);
        // without the trigger the higher score wins
        assertThat(pick().level()).isEqualTo(1);
    }

    @Test
    void belowTheSlowdownTriggerTheHigherScoreWins() throws IOException {
        CompactionPicker slowdownAware = new CompactionPicker(new CompactionConfig(1000, 10, 4, 100, false, 0, 6));
        level0AndAnOverfullLevel1(5);
        assertThat(keep(slowdownAware.pick(versions)).level()).isEqualTo(1);
    }

    @Test
    void theSlowdownTriggerIsAtLeastTheCompactionTrigger() {
        assertThatThrownBy(() -> new CompactionConfig(1000, 10, 4, 100, false, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level0SlowdownTrigger=3");
    }

    @Test
    void levelZeroAtTriggerPicksAllOverlappingL0FilesAndOverlappingL1() throws IOException {
        add(0, file(2, "a", "c", 10), 0, file(3, "b", "e", 10), 0, file(4, "d", "f", 10), 0, file(5, "x", "z", 10),
                1, file(10, "a", "b", 10), 1, file(11, "e", "g", 10), 1, file(12, "h", "k", 10));
        Compaction c = pick();
        assertThat(c.level()).isZero();
        assertThat(c.outputLevel()).isEqualTo(1);
        // The oldest (#2) widened through #3 to #4; #5 overlaps none of them and stays.
        assertThat(numbers(c.inputs())).containsExactly(4L, 3L, 2L);
        assertThat(numbers(c.outputLevelInputs())).containsExactly(10L, 11L);
        assertThat(c.isTrivialMove()).isFalse();
        assertThat(c.isManual()).isFalse();
    }

    // ---- level n ----

    @Test
    void levelOverTargetPicksRoundRobinAfterTheCompactPointer() throws IOException {
        add(1, file(10, "a", "b", 600), 1, file(11, "c", "d", 600), 1, file(12, "e", "f", 600));
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Compaction c = pick();
            assertThat(c.level()).isEqualTo(1);
            assertThat(c.inputs()).hasSize(1);
            order.add(c.inputs().get(0).number());
            versions.logAndApply(new VersionEdit().setCompactPointer(1, c.compactPointer()));
        }
        assertThat(order).containsExactly(10L, 11L, 12L, 10L);
    }

    @Test
    void levelInputsWidenToWholeUserKeys() throws IOException {
        // #10 ends with k@100 and #11 starts with older versions of k (k@50).
        FileMetaData first = new FileMetaData(10, 800, ikey("a", 200), ikey("k", 100), 5, 0, 100, 200, FileMetaData.NO_EXPIRY);
        FileMetaData second = new FileMetaData(11, 800, ikey("k", 50), ikey("m", 10), 5, 0, 10, 50, FileMetaData.NO_EXPIRY);
        add(1, first, 1, second, 1, file(12, "p", "q", 10));
        Compaction c = pick();
        assertThat(numbers(c.inputs())).containsExactly(10L, 11L);
    }

    @Test
    void singleFileWithNothingBelowIsATrivialMove() throws IOException {
        add(1, file(10, "a", "b", 1500), 2, file(20, "x", "z", 10), 3, file(30, "a", "b", 500));
        Compaction c = pick();
        assertThat(numbers(c.inputs())).containsExactly(10L);
        assertThat(c.outputLevelInputs()).isEmpty();
        assertThat(numbers(c.grandparents())).containsExactly(30L);
        assertThat(c.isTrivialMove()).isTrue();
    }

    @Test
    void overlapInTheOutputLevelIsNotATrivialMove() throws IOException {
        add(1, file(10, "a", "c", 1500), 2, file(20, "b", "d", 10));
        Compaction c = pick();
        assertThat(numbers(c.outputLevelInputs())).containsExactly(20L);
        assertThat(c.isTrivialMove()).isFalse();
    }

    @Test
    void largeGrandparentOverlapIsNotATrivialMove() throws IOException {
        add(1, file(10, "a", "c", 1500), 3, file(30, "b", "b", 1001));
        Compaction c = pick();
        assertThat(c.outputLevelInputs()).isEmpty();
        assertThat(c.isTrivialMove()).isFalse();
    }

    // ---- the merge job's questions ----

    @Test
    void isBaseLevelForKeyLooksAtEveryLevelBelowTheOutput() throws IOException {
        add(1, file(10, "a", "z", 1500), 2, file(20, "b", "c", 10), 3, file(30, "m", "p", 10), 5, file(50, "t", "u", 10));
        Compaction c = pick();
        assertThat(c.outputLevel()).isEqualTo(2);
        // Ascending keys, as the merge asks them. L2 (the output level) does not count.
        assertThat(c.isBaseLevelForKey(key("b"))).isTrue();
        assertThat(c.isBaseLevelForKey(key("n"))).isFalse();
        assertThat(c.isBaseLevelForKey(key("p"))).isFalse();
        assertThat(c.isBaseLevelForKey(key("q"))).isTrue();
        assertThat(c.isBaseLevelForKey(key("t"))).isFalse();
        assertThat(c.isBaseLevelForKey(key("v"))).isTrue();
    }

    @Test
    void shouldStopBeforeSplitsOutputWhenGrandparentOverlapExceedsTheLimit() throws IOException {
        add(1, file(10, "a", "k", 2000),
                3, file(30, "b", "b", 600), 3, file(31, "d", "d", 600), 3, file(32, "f", "f", 600),
                3, file(33, "h", "h", 600), 3, file(34, "j", "j", 600));
        Compaction c = pick();
        assertThat(c.grandparents()).hasSize(5);
        List<Boolean> stops = new ArrayList<>();
        for (String k : List.of("a", "c", "e", "g", "i", "k")) {
            stops.add(c.shouldStopBefore(ikey(k, 1)));
        }
        // Overlap grows by 600 per grandparent passed; past 1000 the file ends and the count restarts.
        assertThat(stops).containsExactly(false, false, true, false, true, false);
    }

    @Test
    void addInputDeletionsDeletesBothLevelsAndAdvancesThePointer() throws IOException {
        add(1, file(10, "a", "c", 1500), 2, file(20, "b", "d", 10));
        Compaction c = pick();
        VersionEdit e = c.addInputDeletions(new VersionEdit());
        assertThat(e.deletedFiles()).containsExactly(new VersionEdit.DeletedFile(1, 10), new VersionEdit.DeletedFile(2, 20));
        assertThat(e.compactPointers()).hasSize(1);
        assertThat(e.compactPointers().get(0).internalKey()).isEqualTo(ikey("c", 100));
        versions.logAndApply(e.addFile(2, file(40, "a", "d", 1500)));
        assertThat(versions.compactPointer(1)).isEqualTo(ikey("c", 100));
        assertThat(numbers(versions.current().files(2))).containsExactly(40L);
    }

    @Test
    void theInputVersionStaysLiveUntilTheCallerUnrefsIt() throws IOException {
        add(1, file(10, "a", "c", 1500));
        Compaction c = picker.pick(versions);
        versions.logAndApply(c.addInputDeletions(new VersionEdit()).addFile(2, file(40, "a", "c", 1500)));
        assertThat(versions.liveFileNumbers()).contains(10L, 40L);
        c.inputVersion().unref();
        assertThat(versions.liveFileNumbers()).containsExactly(40L);
    }

    // ---- manual ----

    @Test
    void manualCompactionTakesTheFilesOfTheRange() throws IOException {
        add(1, file(10, "a", "b", 10), 1, file(11, "c", "d", 10), 1, file(12, "e", "f", 10), 2, file(20, "d", "e", 10));
        Compaction c = pickManual(1, "c", "d");
        assertThat(c.isManual()).isTrue();
        assertThat(c.outputLevel()).isEqualTo(2);
        assertThat(numbers(c.inputs())).containsExactly(11L);
        assertThat(numbers(c.outputLevelInputs())).containsExactly(20L);
        assertThat(c.compactPointer()).isNull();
    }

    @Test
    void manualCompactionOfAnUnboundedRangeTakesTheWholeLevel() throws IOException {
        add(1, file(10, "a", "b", 10), 1, file(11, "c", "d", 10), 1, file(12, "e", "f", 10));
        assertThat(numbers(pickManual(1, null, null).inputs())).containsExactly(10L, 11L, 12L);
    }

    @Test
    void manualCompactionOfAnEmptyRangeIsNull() throws IOException {
        add(1, file(10, "a", "b", 10));
        assertThat(pickManual(1, "x", "z")).isNull();
        assertThat(pickManual(3, null, null)).isNull();
    }

    @Test
    void manualCompactionOfASingleFileIsNeverATrivialMove() throws IOException {
        add(1, file(10, "a", "b", 10));
        assertThat(pickManual(1, null, null).isTrivialMove()).isFalse();
    }

    @Test
    void manualCompactionOfLevelZeroWidensToOverlappingFiles() throws IOException {
        add(0, file(2, "a", "c", 10), 0, file(3, "b", "e", 10), 0, file(4, "x", "z", 10));
        assertThat(numbers(pickManual(0, "a", "a").inputs())).containsExactly(3L, 2L);
    }

    @Test
    void manualCompactionOfTheLastLevelRewritesItInPlace() throws IOException {
        add(6, file(60, "a", "b", 10), 6, file(61, "c", "d", 10));
        Compaction c = pickManual(6, null, null);
        assertThat(c.outputLevel()).isEqualTo(6);
        assertThat(c.outputLevelInputs()).isEmpty();
        assertThat(c.isBaseLevelForKey(key("a"))).isTrue();
        assertThat(c.addInputDeletions(new VersionEdit()).deletedFiles())
                .containsExactly(new VersionEdit.DeletedFile(6, 60), new VersionEdit.DeletedFile(6, 61));
    }

    @Test
    void manualCompactionRejectsAnInvertedRange() {
        assertThatThrownBy(() -> pickManual(1, "z", "a")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- tombstone density ----

    /** CONFIG with tombstone-density compactions at a 0.5 share of DELETE entries. */
    private final CompactionPicker densePicker = new CompactionPicker(new CompactionConfig(1000, 10, 4, 100, false, 0.5));

    /** A file of {@code entries} entries, {@code tombstones} of them DELETEs, sequences 100..200. */
    private static FileMetaData file(long number, String smallest, String largest, long size, long entries,
            long tombstones) {
        return new FileMetaData(number, size, ikey(smallest, 200), ikey(largest, 100), entries, tombstones, 100, 200,
                FileMetaData.NO_EXPIRY);
    }

    private Compaction pickDense(long smallestSnapshot) {
        return keep(densePicker.pick(versions, smallestSnapshot));
    }

    @Test
    void tombstoneDenseMeansEnoughTombstonesAndAShareAtTheRatio() {
        CompactionConfig config = new CompactionConfig(1000, 10, 4, 100, false, 0.5);
        assertThat(config.isTombstoneDense(file(1, "a", "b", 10, 400, 200))).isTrue();
        assertThat(config.isTombstoneDense(file(1, "a", "b", 10, 401, 200))).as("just under half").isFalse();
        assertThat(config.isTombstoneDense(file(1, "a", "b", 10, 99, 99))).as("under MIN_TOMBSTONES").isFalse();
        assertThat(CONFIG.isTombstoneDense(file(1, "a", "b", 10, 1000, 1000))).as("off by default").isFalse();
        assertThatThrownBy(() -> new CompactionConfig(1000, 10, 4, 100, true, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tombstoneCompactionRatio=1.5");
    }

    @Test
    void whenNoLevelIsDueTheMostTombstoneDenseFileGoesDownALevel() throws IOException {
        add(1, file(10, "a", "b", 100, 1000, 600), 1, file(11, "c", "d", 100, 1000, 900), 1, file(12, "e", "f", 100),
                2, file(20, "c", "c", 10), 2, file(21, "x", "z", 10));
        assertThat(pick()).as("the default picker has the option off").isNull();
        Compaction c = pickDense(1000);
        assertThat(c.level()).isEqualTo(1);
        assertThat(c.outputLevel()).isEqualTo(2);
        assertThat(numbers(c.inputs())).containsExactly(11L);
        assertThat(numbers(c.outputLevelInputs())).containsExactly(20L);
        assertThat(c.isManual()).isFalse();
        assertThat(c.compactPointer()).as("the round robin of level 1 is left alone").isNull();
        assertThat(c.addInputDeletions(new VersionEdit()).compactPointers()).isEmpty();
    }

    @Test
    void levelsOverTheirTargetComeBeforeTombstoneDenseFiles() throws IOException {
        add(1, file(10, "a", "b", 600), 1, file(11, "c", "d", 600), 2, file(20, "x", "z", 100, 1000, 1000));
        Compaction c = pickDense(1000);
        assertThat(c.level()).as("L1 is over its 1000-byte target").isEqualTo(1);
        assertThat(numbers(c.inputs())).containsExactly(10L);
        assertThat(c.compactPointer()).isNotNull();
        versions.logAndApply(c.addInputDeletions(new VersionEdit()).addFile(2, file(30, "a", "b", 600)));
        c.inputVersion().unref();
        picked.remove(c);
        Compaction next = pickDense(1000);
        assertThat(next.level()).as("L1 is within its target now").isEqualTo(2);
        assertThat(numbers(next.inputs())).containsExactly(20L);
    }

    @Test
    void aTombstoneDenseLevelZeroFileGoesToTheBaseLevelWithTheL0FilesItOverlaps() throws IOException {
        add(0, file(2, "a", "c", 10), 0, file(3, "b", "d", 10, 500, 500), 0, file(4, "x", "z", 10),
                1, file(10, "a", "b", 10));
        Compaction c = pickDense(1000);
        assertThat(c.level()).isZero();
        assertThat(c.outputLevel()).isEqualTo(1);
        assertThat(numbers(c.inputs())).containsExactlyInAnyOrder(3L, 2L);
        assertThat(numbers(c.outputLevelInputs())).containsExactly(10L);
    }

    @Test
    void aLastLevelFileIsRewrittenInPlaceOnlyOnceEverySnapshotSeesAllOfIt() throws IOException {
        int last = Version.NUM_LEVELS - 1;
        add(last, file(60, "a", "c", 10, 300, 200), last, file(61, "d", "f", 10));
        assertThat(pickDense(199)).as("an open snapshot at 199 may still need a tombstone of sequence 200").isNull();
        assertThat(keep(densePicker.pick(versions))).as("without a snapshot bound the last level is not picked")
                .isNull();
        Compaction c = pickDense(200);
        assertThat(c.level()).isEqualTo(last);
        assertThat(c.outputLevel()).isEqualTo(last);
        assertThat(numbers(c.inputs())).containsExactly(60L);
        assertThat(c.outputLevelInputs()).isEmpty();
        assertThat(c.isTrivialMove()).isFalse();
    }
}
