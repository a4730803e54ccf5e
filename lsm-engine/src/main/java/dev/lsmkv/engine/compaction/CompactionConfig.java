package dev.lsmkv.engine.compaction;

/**
 * The level shape compactions aim for, taken from the engine options.
 *
 * @param level1MaxBytes          target size of level 1
 * @param levelSizeMultiplier     size ratio of level n+1 to level n (n &gt;= 1)
 * @param level0CompactionTrigger level-0 file count at which level 0 scores 1
 * @param targetFileSizeBytes     size at which compaction output is split
 * @param dynamicLevelBytes       level targets derived from the last level's size (RocksDB's
 *                                level_compaction_dynamic_level_bytes), see {@link LevelTargets}
 */
public record CompactionConfig(long level1MaxBytes, int levelSizeMultiplier, int level0CompactionTrigger,
        long targetFileSizeBytes, boolean dynamicLevelBytes) {

    /** Fixed level targets. */
    public CompactionConfig(long level1MaxBytes, int levelSizeMultiplier, int level0CompactionTrigger,
            long targetFileSizeBytes) {
        this(level1MaxBytes, levelSizeMultiplier, level0CompactionTrigger, targetFileSizeBytes, false);
    }

    public CompactionConfig {
        if (level1MaxBytes <= 0 || levelSizeMultiplier < 2 || level0CompactionTrigger < 1 || targetFileSizeBytes <= 0) {
            throw new IllegalArgumentException("invalid compaction config: level1MaxBytes=" + level1MaxBytes
                    + " (> 0), levelSizeMultiplier=" + levelSizeMultiplier + " (>= 2), level0CompactionTrigger="
                    + level0CompactionTrigger + " (>= 1), targetFileSizeBytes=" + targetFileSizeBytes + " (> 0)");
        }
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
