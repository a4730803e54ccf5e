package dev.lsmkv.engine.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.version.FileMetaData;
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

/** Dynamic level targets, checked against RocksDB's CalculateBaseBytes worked by hand. */
class LevelTargetsTests {

    /** base (L1 max) 1000 bytes, ratio 10: base_bytes_min 100. */
    private static final CompactionConfig DYNAMIC = new CompactionConfig(1000, 10, 4, 100, true);

    @TempDir
    Path dir;

    private VersionSet versions;
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

    private static FileMetaData file(long number, String smallest, String largest, long size) {
        byte[] lo = InternalKey.encode(smallest.getBytes(StandardCharsets.UTF_8), 200, EntryKind.PUT);
        byte[] hi = InternalKey.encode(largest.getBytes(StandardCharsets.UTF_8), 100, EntryKind.PUT);
        return new FileMetaData(number, size, lo, hi, 10, 0, 100, 200, FileMetaData.NO_EXPIRY);
    }

    private void add(int level, FileMetaData f) throws IOException {
        versions.markFileNumberUsed(f.number());
        versions.logAndApply(new VersionEdit().addFile(level, f));
    }

    @Test
    void withNothingBelowLevelZeroItCompactsStraightIntoTheLastLevel() throws IOException {
        for (int i = 2; i <= 5; i++) {
            add(0, file(i, "a", "z", 10));
        }
        LevelTargets t = LevelTargets.of(DYNAMIC, versions.current());
        assertThat(t.baseLevel()).isEqualTo(6);
        Compaction c = new CompactionPicker(DYNAMIC).pick(versions);
        picked.add(c);
        assertThat(c.level()).isZero();
        assertThat(c.outputLevel()).isEqualTo(6);
    }

    @Test
    void theBaseLevelRisesAsTheLastLevelGrows() throws IOException {
        // L6 = 50,000: 50,000/10/10 = 500 fits under base 1000 at L4 -> base L4 (target 1000), L5 5,000, L6 50,000.
        add(6, file(2, "a", "z", 50_000));
        LevelTargets t = LevelTargets.of(DYNAMIC, versions.current());
        assertThat(t.baseLevel()).isEqualTo(4);
        assertThat(t.target(1)).isZero();
        assertThat(t.target(3)).isZero();
        assertThat(t.target(4)).isEqualTo(1000); // max(500, base)
        assertThat(t.target(5)).isEqualTo(5_000);
        assertThat(t.target(6)).isEqualTo(50_000);
    }

    @Test
    void aSmallLastLevelKeepsTheBaseAtTheFirstNonEmptyLevel() throws IOException {
        // L6 = 150: cur = 150 > base_min 100 and <= base 1000 -> base stays L6 with target max(150, 1000).
        add(6, file(2, "a", "z", 150));
        LevelTargets t = LevelTargets.of(DYNAMIC, versions.current());
        assertThat(t.baseLevel()).isEqualTo(6);
        assertThat(t.target(6)).isEqualTo(1000);
    }

    @Test
    void levelZeroNeverSkipsALevelHoldingOlderData() throws IOException {
        // Data left at L2 (say, from fixed targets) and a big L6: the base level is at most L2.
        add(2, file(2, "a", "m", 10));
        add(6, file(3, "a", "z", 10_000_000));
        LevelTargets t = LevelTargets.of(DYNAMIC, versions.current());
        assertThat(t.baseLevel()).isLessThanOrEqualTo(2);
    }

    @Test
    void fixedTargetsAreLevelDbs() throws IOException {
        CompactionConfig fixed = new CompactionConfig(1000, 10, 4, 100);
        add(6, file(2, "a", "z", 50_000));
        LevelTargets t = LevelTargets.of(fixed, versions.current());
        assertThat(t.baseLevel()).isEqualTo(1);
        assertThat(t.target(1)).isEqualTo(1000);
        assertThat(t.target(3)).isEqualTo(100_000);
        assertThat(new CompactionPicker(fixed).fullCompactionOutputLevel(1, 50_000)).isEqualTo(3);
        assertThat(new CompactionPicker(DYNAMIC).fullCompactionOutputLevel(1, 50_000)).isEqualTo(6);
    }

    @Test
    void aLevelOverItsDynamicTargetScoresAboveOne() throws IOException {
        add(6, file(2, "a", "z", 50_000));
        add(5, file(3, "a", "z", 12_000)); // target 5,000 -> score 2.4
        double[] scores = new CompactionPicker(DYNAMIC).scores(versions.current());
        assertThat(scores[5]).isGreaterThan(1);
        assertThat(scores[6]).isZero();
    }
}
