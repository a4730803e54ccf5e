package dev.lsmkv.engine.compaction;

import dev.lsmkv.engine.version.FileMetaData;

/**
 * The level shape compactions aim for, taken from the engine options.
 *
 * @param level1MaxBytes          target size of level 1
 * @param levelSizeMultiplier     size ratio of level n+1 to level n (n &gt;= 1)
 * @param level0CompactionTrigger level-0 file count at which level 0 scores 1
 * @param targetFileSizeBytes     size at which compaction output is split
 * @param dynamicLevelBytes       level targets derived from the last level's size (RocksDB's
 *                                level_compaction_dynamic_level_bytes), see {@link LevelTargets}
 * @param tombstoneCompactionRatio share of DELETE entries (0..1) from which a table is
 *                                compacted when no level is over its target, see
 *                                {@link #isTombstoneDense}; 0 turns these compactions off
 * @param level0SlowdownTrigger   level-0 file count from which writes are slowed down: from it
 *                                level 0 is compacted before any other level, whatever their
 *                                scores ({@link Integer#MAX_VALUE}: never)
 */
public record CompactionConfig(long level1MaxBytes, int levelSizeMultiplier, int level0CompactionTrigger,
        long targetFileSizeBytes, boolean dynamicLevelBytes, double tombstoneCompactionRatio,
        int level0SlowdownTrigger) {

    /**
     * Fewest DELETE entries a table needs to be tombstone-dense, whatever its share: below it the
     * space a compaction could reclaim is too small to pay for rewriting the overlapping files of
     * the next level (Pebble's NumDeletionsThreshold, per data block, is 100 too).
     */
    public static final long MIN_TOMBSTONES = 100;

    /** Fixed level targets, no tombstone-density compactions. */
    public CompactionConfig(long level1MaxBytes, int levelSizeMultiplier, int level0CompactionTrigger,
            long targetFileSizeBytes) {
        this(level1MaxBytes, levelSizeMultiplier, level0CompactionTrigger, targetFileSizeBytes, false);
    }

    /** No tombstone-density compactions. */
    public CompactionConfig(long level1MaxBytes, int levelSizeMultiplier, int level0CompactionTrigger,
            long targetFileSizeBytes, boolean dynamicLevelBytes) {
        this(level1MaxBytes, levelSizeMultiplier, level0CompactionTrigger, targetFileSizeBytes, dynamicLevelBytes, 0);
    }

    /** Level 0 never takes priority over higher-scoring levels. */
    public CompactionConfig(long level1MaxBytes, int levelSizeMultiplier, int level0CompactionTrigger,
            long targetFileSizeBytes, boolean dynamicLevelBytes, double tombstoneCompactionRatio) {
        this(level1MaxBytes, levelSizeMultiplier, level0CompactionTrigger, targetFileSizeBytes, dynamicLevelBytes,
                tombstoneCompactionRatio, Integer.MAX_VALUE);
    }

    public CompactionConfig {
        if (level0SlowdownTrigger < level0CompactionTrigger) {
            throw new IllegalArgumentException("invalid compaction config: level0SlowdownTrigger="
                    + level0SlowdownTrigger + " must be at least level0CompactionTrigger=" + level0CompactionTrigger);
        }
        if (level1MaxBytes <= 0 || levelSizeMultiplier < 2 || level0CompactionTrigger < 1 || targetFileSizeBytes <= 0
                || !(tombstoneCompactionRatio >= 0 && tombstoneCompactionRatio <= 1)) {
            throw new IllegalArgumentException("invalid compaction config: level1MaxBytes=" + level1MaxBytes
                    + " (> 0), levelSizeMultiplier=" + levelSizeMultiplier + " (>= 2), level0CompactionTrigger="
                    + level0CompactionTrigger + " (>= 1), targetFileSizeBytes=" + targetFileSizeBytes + " (> 0)"
                    + ", tombstoneCompactionRatio=" + tombstoneCompactionRatio + " (0..1)");
        }
    }

    /**
     * True iff {@code f} is worth a compaction for its tombstones alone (RocksDB's
     * CompactOnDeletionCollector deletion ratio, over the whole file): tombstone-density
     * compactions are on, the file holds at least {@link #MIN_TOMBSTONES} DELETE entries, and
     * they are at least {@link #tombstoneCompactionRatio()} of its entries. Uses the counts the
     * manifest records for every file, so no table is opened.
     */
    public boolean isTombstoneDense(FileMetaData f) {
        return tombstoneCompactionRatio > 0 && f.tombstones() >= MIN_TOMBSTONES
                && f.tombstones() >= tombstoneCompactionRatio * f.entries();
    }

    /**
     * Target size of {@code level}: level1MaxBytes x multiplier^(level-1), saturating at
     * Long.MAX_VALUE. Level 0 is scored by file count; for it this returns level1MaxBytes.
     */
    public long maxBytesForLevel(int level) {
        long bytes = level1MaxBytes;
        for (int l = 2; l <= level; l++) {
            if (bytes > Long.MAX_VALUE / levelSizeMultiplier) {
                return Long.MAX_VALUE;
            }
            bytes *= levelSizeMultiplier;
        }
        return bytes;
    }

    /**
     * Most bytes of grandparent (output level + 1) files one output file may overlap, 10 x the
     * target file size: beyond it the output is split so that a later compaction of that file
     * does not pull in too much of the level below.
     */
    public long maxGrandparentOverlapBytes() {
        return targetFileSizeBytes > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : 10 * targetFileSizeBytes;
    }
}
