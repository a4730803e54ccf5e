package dev.lsmkv.engine.compaction;

import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.util.Bytes;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses leveled compactions, after LevelDB's VersionSet::PickCompaction.
 *
 * <ul>
 *   <li>Scores: level 0 by file count (files / level0CompactionTrigger, since every L0 file is
 *       read on a miss), level n by bytes (bytes / its {@link LevelTargets} target); the last
 *       level has no score. The level with the highest score &gt;= 1 is compacted into the next,
 *       level 0 into the base level (1 with fixed targets; with dynamic ones the highest level
 *       the data calls for, levels above it being empty).</li>
 *   <li>Level 0 first once it holds {@link CompactionConfig#level0SlowdownTrigger()} files (writes
 *       are being slowed down for it), whatever the other levels' scores.</li>
 *   <li>Level 0 inputs: the oldest L0 file, widened to every L0 file that overlaps the growing
 *       range. An L0 file left behind must not overlap the inputs, or its older data would
 *       shadow the newer data moved down to L1.</li>
 *   <li>Level n inputs: the first file after the level's compact pointer (round-robin over the
 *       key space), widened to whole user keys: a file whose smallest key shares the user key
 *       of the inputs' largest key joins, or its older versions of that key would be left above
 *       the newer ones.</li>
 *   <li>Output-level inputs: every overlapping file, widened the same way; grandparents: every
 *       file of the level below the output that overlaps all inputs.</li>
 *   <li>Tombstone density (RocksDB's files marked for compaction by its CompactOnDeletionCollector,
 *       Pebble's tombstone-density compaction): only when no level scores 1 or more, the file
 *       with the highest share of DELETE entries among those
 *       {@link CompactionConfig#isTombstoneDense tombstone-dense} is compacted into the next level
 *       (level 0: into the base level, widened like any L0 input), where its tombstones meet and
 *       drop the versions they delete. A last-level file is rewritten in place, and only once
 *       every entry in it is visible to every snapshot (its largest sequence at most the
 *       smallest snapshot, as RocksDB's bottommost files marked for compaction): then the
 *       rewrite drops all its tombstones, so the same file is never picked twice. Every other
 *       such compaction moves the tombstones a level down, so they are not picked forever
 *       either. These compactions do not move the level's compact pointer.</li>
 * </ul>
 *
 * Stateless and thread-safe; the compact pointers live in the {@link VersionSet} and advance
 * when the caller writes {@link Compaction#addInputDeletions}'s edit.
 */
public final class CompactionPicker {

    private final CompactionConfig config;

    public CompactionPicker(CompactionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Per-level score, index = level: L0 = files / level0CompactionTrigger; Ln = bytes / its
     * target ({@link LevelTargets}); the last level is always 0. A score &gt;= 1 asks for a
     * compaction.
     */
    public double[] scores(Version v) {
        return scores(v, LevelTargets.of(config, v));
    }

    private double[] scores(Version v, LevelTargets targets) {
        double[] scores = new double[Version.NUM_LEVELS];
        scores[0] = v.numFiles(0) / (double) config.level0CompactionTrigger();
        for (int level = 1; level < Version.NUM_LEVELS - 1; level++) {
            long bytes = v.levelBytes(level);
            long target = targets.target(level);
            // A level above the base level aims to be empty: whatever is there moves down first.
            scores[level] = bytes == 0 ? 0 : target == 0 ? Double.MAX_VALUE : bytes / (double) target;
        }
        return scores;
    }

    /** The level that level 0 compacts into in {@code v}. */
    public int baseLevel(Version v) {
        return LevelTargets.of(config, v).baseLevel();
    }

    /**
     * The level a full manual compaction of {@code bytes} writes to, given the deepest level
     * holding data: the last level with dynamic targets; with fixed ones the first level
     * whose target holds {@code bytes}, and never above {@code deepest}.
     */
    public int fullCompactionOutputLevel(int deepest, long bytes) {
        if (config.dynamicLevelBytes()) {
            return Version.NUM_LEVELS - 1;
        }
        int fitting = 1;
        while (fitting < Version.NUM_LEVELS - 1 && config.maxBytesForLevel(fitting) < bytes) {
            fitting++;
        }
        return Math.max(Math.max(1, deepest), fitting);
    }

    /**
     * {@link #pick(VersionSet, long)} without a snapshot bound: last-level files are never
     * picked for their tombstones.
     */
    public Compaction pick(VersionSet versions) {
        return pick(versions, -1);
    }

    /**
     * The compaction of the level with the highest score &gt;= 1 (lowest level on a tie); if no
     * level is due, that of the most tombstone-dense file; or null.
     *
     * @param smallestSnapshot the oldest sequence a reader may still read at (the current
     *                         sequence when no snapshot is open); a last-level file is picked for
     *                         its tombstones only if its largest sequence is at most this
     */
    public Compaction pick(VersionSet versions, long smallestSnapshot) {
        Version v = versions.refCurrent();
        try {
            LevelTargets targets = LevelTargets.of(config, v);
            double[] scores = scores(v, targets);
            int level = 0;
            for (int l = 1; l < scores.length; l++) {
                if (scores[l] > scores[level]) {
                    level = l;
                }
            }
            if (v.files(0).size() >= config.level0SlowdownTrigger()) {
                // Writes are being slowed down for level 0: it goes first, or the one compaction
                // thread may spend seconds on deeper levels while writers wait on level 0.
                level = 0;
            }
            if (scores[level] < 1) {
                Compaction dense = pickTombstoneDense(v, targets, smallestSnapshot);
                if (dense == null) {
                    v.unref();
                }
                return dense;
            }
            List<FileMetaData> inputs;
            if (level == 0) {
                List<FileMetaData> l0 = v.files(0);
                FileMetaData oldest = l0.get(l0.size() - 1);
                inputs = expandLevel0(v, oldest.smallestUserKey(), oldest.largestUserKey());
            } else {
                inputs = new ArrayList<>();
                inputs.add(firstAfterPointer(v.files(level), versions.compactPointer(level)));
                addBoundaryInputs(v.files(level), inputs);
            }
            return setUp(v, level, level == 0 ? targets.baseLevel() : level + 1, inputs, false, true);
        } catch (RuntimeException e) {
            v.unref();
            throw e;
        }
    }

    /**
     * The compaction of the most tombstone-dense file (highest share of DELETE entries; on a
     * tie the shallower level, then the level's first file), or null if no file qualifies. A
     * last-level file qualifies only if its largest sequence is at most {@code smallestSnapshot}.
     * Does not unref {@code v}; the returned compaction holds the caller's reference.
     */
    private Compaction pickTombstoneDense(Version v, LevelTargets targets, long smallestSnapshot) {
        if (config.tombstoneCompactionRatio() <= 0) {
            return null;
        }
        int last = Version.NUM_LEVELS - 1;
        FileMetaData best = null;
        int bestLevel = -1;
        double bestShare = 0;
        for (int level = 0; level <= last; level++) {
            for (FileMetaData f : v.files(level)) {
                if (!config.isTombstoneDense(f) || (level == last && f.maxSequence() > smallestSnapshot)) {
                    continue;
                }
                double share = f.tombstones() / (double) f.entries();
                if (best == null || share > bestShare) {
                    best = f;
                    bestLevel = level;
                    bestShare = share;
                }
            }
        }
        if (best == null) {
            return null;
        }
        List<FileMetaData> inputs;
        if (bestLevel == 0) {
            inputs = expandLevel0(v, best.smallestUserKey(), best.largestUserKey());
        } else {
            inputs = new ArrayList<>();
            inputs.add(best);
            addBoundaryInputs(v.files(bestLevel), inputs);
        }
        int outputLevel = bestLevel == 0 ? targets.baseLevel() : bestLevel == last ? last : bestLevel + 1;
        return setUp(v, bestLevel, outputLevel, inputs, false, false);
    }

    /**
     * A manual compaction of {@code level} over the user keys [beginUserKey, endUserKey] (null =
     * unbounded) into level + 1 (level 0: into the base level), or, for the last level,
     * rewriting it in place. Null if the
     * level has no file in the range. Not limited in size: every overlapping file is an input.
     */
    public Compaction pickManual(VersionSet versions, int level, byte[] beginUserKey, byte[] endUserKey) {
        if (level < 0 || level >= Version.NUM_LEVELS) {
            throw new IllegalArgumentException("level must be between 0 and " + (Version.NUM_LEVELS - 1) + ", was " + level);
        }
        if (beginUserKey != null && endUserKey != null && Bytes.compare(beginUserKey, endUserKey) > 0) {
            throw new IllegalArgumentException("begin " + Bytes.toHex(beginUserKey) + " is after end " + Bytes.toHex(endUserKey));
        }
        Version v = versions.refCurrent();
        try {
            List<FileMetaData> inputs;
            if (level == 0) {
                inputs = expandLevel0(v, beginUserKey, endUserKey);
            } else {
                inputs = new ArrayList<>(v.overlappingFiles(level, beginUserKey, endUserKey));
                addBoundaryInputs(v.files(level), inputs);
            }
            if (inputs.isEmpty()) {
                v.unref();
                return null;
            }
            int outputLevel = level == Version.NUM_LEVELS - 1 ? level
                    : level == 0 ? LevelTargets.of(config, v).baseLevel() : level + 1;
            return setUp(v, level, outputLevel, inputs, true, false);
        } catch (RuntimeException e) {
            v.unref();
            throw e;
        }
    }

    /** @param advancePointer whether the edit moves {@code level}'s compact pointer past the inputs */
    private Compaction setUp(Version v, int level, int outputLevel, List<FileMetaData> inputs, boolean manual,
            boolean advancePointer) {
        byte[][] range = userKeyRange(inputs);
        List<FileMetaData> outputInputs = new ArrayList<>();
        List<FileMetaData> grandparents = List.of();
        if (outputLevel != level) {
            outputInputs.addAll(v.overlappingFiles(outputLevel, range[0], range[1]));
            addBoundaryInputs(v.files(outputLevel), outputInputs);
            if (outputLevel + 1 < Version.NUM_LEVELS) {
                List<FileMetaData> all = new ArrayList<>(inputs);
                all.addAll(outputInputs);
                byte[][] allRange = userKeyRange(all);
                grandparents = v.overlappingFiles(outputLevel + 1, allRange[0], allRange[1]);
            }
        }
        byte[] pointer = advancePointer ? largestInternalKey(inputs) : null;
        return new Compaction(level, outputLevel, inputs, outputInputs, grandparents, v, manual, pointer, config);
    }

    /**
     * Every L0 file overlapping [lo, hi], the range widened by each file found until no other L0
     * file overlaps it. Null bounds are unbounded. In level order (newest first).
     */
    private static List<FileMetaData> expandLevel0(Version v, byte[] lo, byte[] hi) {
        while (true) {
            List<FileMetaData> files = v.overlappingFiles(0, lo, hi);
            byte[] newLo = lo;
            byte[] newHi = hi;
            for (FileMetaData f : files) {
                if (newLo != null && InternalKey.compareUserKey(f.smallest(), newLo) < 0) {
                    newLo = f.smallestUserKey();
                }
                if (newHi != null && InternalKey.compareUserKey(f.largest(), newHi) > 0) {
                    newHi = f.largestUserKey();
                }
            }
            if (newLo == lo && newHi == hi) {
                return new ArrayList<>(files);
            }
            lo = newLo;
            hi = newHi;
        }
    }

    /** The first file whose largest key is after {@code pointer}, wrapping to the first file. REQUIRES: files non-empty. */
    private static FileMetaData firstAfterPointer(List<FileMetaData> files, byte[] pointer) {
        if (pointer != null) {
            for (FileMetaData f : files) {
                if (InternalKey.compare(f.largest(), pointer) > 0) {
                    return f;
                }
            }
        }
        return files.get(0);
    }

    /**
     * LevelDB's AddBoundaryInputs: while a file of the level not yet chosen starts with the
     * user key the chosen files end with (older versions of that key), add it, so a user key is
     * never split between files that move and files that stay. REQUIRES: a level &gt;= 1.
     */
    static void addBoundaryInputs(List<FileMetaData> levelFiles, List<FileMetaData> chosen) {
        if (chosen.isEmpty()) {
            return;
        }
        byte[] largest = largestInternalKey(chosen);
        while (true) {
            FileMetaData boundary = null;
            for (FileMetaData f : levelFiles) {
                if (InternalKey.compare(f.smallest(), largest) > 0 && InternalKey.sameUserKey(f.smallest(), largest)
                        && (boundary == null || InternalKey.compare(f.smallest(), boundary.smallest()) < 0)) {
                    boundary = f;
                }
            }
            if (boundary == null || chosen.contains(boundary)) {
                return;
            }
            chosen.add(boundary);
            largest = boundary.largest();
        }
    }

    private static byte[] largestInternalKey(List<FileMetaData> files) {
        byte[] largest = files.get(0).largest();
        for (FileMetaData f : files) {
            if (InternalKey.compare(f.largest(), largest) > 0) {
                largest = f.largest();
            }
        }
        return largest;
    }

    /** {smallest user key, largest user key} over the files. REQUIRES: files non-empty. */
    private static byte[][] userKeyRange(List<FileMetaData> files) {
        byte[] lo = files.get(0).smallestUserKey();
        byte[] hi = files.get(0).largestUserKey();
        for (FileMetaData f : files) {
            if (InternalKey.compareUserKey(f.smallest(), lo) < 0) {
                lo = f.smallestUserKey();
            }
            if (InternalKey.compareUserKey(f.largest(), hi) > 0) {
                hi = f.largestUserKey();
            }
        }
        return new byte[][] {lo, hi};
    }
}
