package dev.lsmkv.engine.compaction;

import dev.lsmkv.engine.version.Version;

/**
 * The size each level aims for in one version, and the level that level 0 compacts into.
 *
 * <p>Fixed targets (LevelDB): level n aims for level1MaxBytes x multiplier^(n-1); level 0
 * compacts into level 1.
 *
 * <p>Dynamic targets (RocksDB's level_compaction_dynamic_level_bytes, version_set.cc
 * CalculateBaseBytes), where base = level1MaxBytes and m = the multiplier:
 * <ol>
 *   <li>With no data below level 0, level 0 compacts straight into the last level.</li>
 *   <li>Otherwise the largest level's size is taken as the last level's target; dividing by m
 *       per level upward, the base level is the highest level whose target is still above
 *       base / m, and never below the first non-empty level (so level 0 never skips a level
 *       that holds older data). Levels above the base level aim for 0 and stay empty.</li>
 *   <li>No target is below base, so small levels under a large last level do not outscore
 *       level 0 and stall writes.</li>
 * </ol>
 * The last level then holds about m/(m+1) of the data (~91% at m = 10), which bounds space
 * amplification from obsolete versions to ~1.11 without a manual compaction.
 */
public final class LevelTargets {

    private final long[] targets;
    private final int baseLevel;

    private LevelTargets(long[] targets, int baseLevel) {
        this.targets = targets;
        this.baseLevel = baseLevel;
    }

    /** The targets for {@code v} under {@code config}. */
    public static LevelTargets of(CompactionConfig config, Version v) {
        int levels = Version.NUM_LEVELS;
        long[] targets = new long[levels];
        if (!config.dynamicLevelBytes()) {
            for (int level = 1; level < levels; level++) {
                targets[level] = config.maxBytesForLevel(level);
            }
            return new LevelTargets(targets, 1);
        }
        long baseMax = config.level1MaxBytes();
        int m = config.levelSizeMultiplier();
        long maxLevelSize = 0;
        int firstNonEmpty = -1;
        for (int level = 1; level < levels; level++) {
            long bytes = v.levelBytes(level);
            if (bytes > 0 && firstNonEmpty < 0) {
                firstNonEmpty = level;
            }
            maxLevelSize = Math.max(maxLevelSize, bytes);
        }
        if (maxLevelSize == 0) {
            java.util.Arrays.fill(targets, 1, levels, baseMax);
            return new LevelTargets(targets, levels - 1);
        }
        long baseMin = baseMax / m;
        long cur = maxLevelSize;
        for (int level = levels - 2; level >= firstNonEmpty; level--) {
            cur /= m;
        }
        int base;
        long baseSize;
        if (cur <= baseMin) {
            base = firstNonEmpty;
            baseSize = baseMin + 1;
        } else {
            base = firstNonEmpty;
            while (base > 1 && cur > baseMax) {
                base--;
                cur /= m;
            }
            baseSize = cur > baseMax ? baseMax : Math.max(1, cur);
        }
        long size = baseSize;
        for (int level = base; level < levels; level++) {
            if (level > base) {
                size = size > Long.MAX_VALUE / m ? Long.MAX_VALUE : size * m;
            }
            targets[level] = Math.max(size, baseMax);
        }
        return new LevelTargets(targets, base);
    }

    /** The level that level 0 compacts into: 1 with fixed targets. */
    public int baseLevel() {
        return baseLevel;
    }

    /**
     * Target bytes of {@code level} (1 or more). 0 for a level above the base level: it should
     * be empty, and anything in it is moved down first.
     */
    public long target(int level) {
        return targets[level];
    }
}
