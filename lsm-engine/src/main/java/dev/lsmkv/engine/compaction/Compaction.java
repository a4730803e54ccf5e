package dev.lsmkv.engine.compaction;

import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionEdit;
import java.util.List;

/**
 * One unit of compaction work chosen by {@link CompactionPicker}: the input files of
 * {@link #level()}, the overlapping files of {@link #outputLevel()}, and the grandparents
 * (overlapping files of outputLevel + 1) that bound how much each output file may overlap.
 *
 * <p>Thread-safety: the file lists are immutable; {@link #isBaseLevelForKey} and
 * {@link #shouldStopBefore} keep cursors and must be called by the one thread running the
 * merge, with keys in ascending order.
 *
 * <p>Lifetime: the picker refs {@link #inputVersion()}, so none of the input files can be
 * deleted while the compaction runs; the caller {@link Version#unref()}s it when the compaction
 * ends, whether it succeeded or not.
 */
public final class Compaction {

    private final int level;
    private final int outputLevel;
    private final List<FileMetaData> inputs;
    private final List<FileMetaData> outputLevelInputs;
    private final List<FileMetaData> grandparents;
    private final Version inputVersion;
    private final boolean manual;
    private final byte[] compactPointer;
    private final CompactionConfig config;

    // isBaseLevelForKey state: per level below the output, the first file not yet passed.
    private final int[] levelPointers = new int[Version.NUM_LEVELS];
    // shouldStopBefore state.
    private int grandparentIndex;
    private boolean seenKey;
    private long overlappedBytes;

    Compaction(int level, int outputLevel, List<FileMetaData> inputs, List<FileMetaData> outputLevelInputs,
            List<FileMetaData> grandparents, Version inputVersion, boolean manual, byte[] compactPointer,
            CompactionConfig config) {
        this.level = level;
        this.outputLevel = outputLevel;
        this.inputs = List.copyOf(inputs);
        this.outputLevelInputs = List.copyOf(outputLevelInputs);
        this.grandparents = List.copyOf(grandparents);
        this.inputVersion = inputVersion;
        this.manual = manual;
        this.compactPointer = compactPointer;
        this.config = config;
    }

    /** The level the inputs come from. */
    public int level() {
        return level;
    }

    /** The level the output goes to: level() + 1, or level() itself for a manual compaction of the last level. */
    public int outputLevel() {
        return outputLevel;
    }

    /** Files of {@link #level()}, in that level's order. */
    public List<FileMetaData> inputs() {
        return inputs;
    }

    /** Files of {@link #outputLevel()} overlapping the inputs (empty when outputLevel() == level()). */
    public List<FileMetaData> outputLevelInputs() {
        return outputLevelInputs;
    }

    /** Files of outputLevel() + 1 overlapping all inputs (empty below the last level). */
    public List<FileMetaData> grandparents() {
        return grandparents;
    }

    /**
     * True iff the single input file can be moved to the output level by an edit alone: one
     * input, nothing overlapping it in the output level, grandparent overlap within
     * {@link CompactionConfig#maxGrandparentOverlapBytes()}, and not a manual compaction (a
     * manual compaction is asked for to rewrite data, for instance to drop tombstones).
     */
    public boolean isTrivialMove() {
        return !manual && level != outputLevel && inputs.size() == 1 && outputLevelInputs.isEmpty()
                && totalBytes(grandparents) <= config.maxGrandparentOverlapBytes();
    }

    public boolean isManual() {
        return manual;
    }

    /**
     * True iff no level below {@link #outputLevel()} in the input version has a file whose range
     * contains {@code userKey}: then no older version of the key can resurface, and a tombstone
     * or expired entry for it may be dropped. REQUIRES: successive calls pass keys in ascending
     * order (the per-level cursors only move forward).
     */
    public boolean isBaseLevelForKey(byte[] userKey) {
        for (int lvl = outputLevel + 1; lvl < Version.NUM_LEVELS; lvl++) {
            List<FileMetaData> files = inputVersion.files(lvl);
            while (levelPointers[lvl] < files.size()) {
                FileMetaData f = files.get(levelPointers[lvl]);
                if (InternalKey.compareUserKey(f.largest(), userKey) >= 0) {
                    if (InternalKey.compareUserKey(f.smallest(), userKey) <= 0) {
                        return false;
                    }
                    break;
                }
                levelPointers[lvl]++;
            }
        }
        return true;
    }

    /**
     * True iff the current output file should end before {@code internalKey}, because the
     * grandparent files it would overlap exceed {@link CompactionConfig#maxGrandparentOverlapBytes()}.
     * REQUIRES: called for every output key, in ascending internal-key order. When it returns
     * true the overlap count starts again for the next file.
     */
    public boolean shouldStopBefore(byte[] internalKey) {
        while (grandparentIndex < grandparents.size()
                && InternalKey.compare(internalKey, grandparents.get(grandparentIndex).largest()) > 0) {
            if (seenKey) {
                overlappedBytes += grandparents.get(grandparentIndex).fileSize();
            }
            grandparentIndex++;
        }
        seenKey = true;
        if (overlappedBytes > config.maxGrandparentOverlapBytes()) {
            overlappedBytes = 0;
            return true;
        }
        return false;
    }

    /**
     * Adds to {@code edit} the deletion of every input file (of both levels), and, for an
     * automatic compaction picked by score, the {@link #compactPointer()} of {@link #level()}, so the next
     * automatic compaction of that level starts after these inputs.
     */
    public VersionEdit addInputDeletions(VersionEdit edit) {
        for (FileMetaData f : inputs) {
            edit.deleteFile(level, f.number());
        }
        for (FileMetaData f : outputLevelInputs) {
            edit.deleteFile(outputLevel, f.number());
        }
        if (compactPointer != null) {
            edit.setCompactPointer(level, compactPointer);
        }
        return edit;
    }

    /**
     * The largest internal key of the inputs, the level's next compact pointer; null for a manual
     * compaction and for one picked for tombstone density (which leaves the round robin alone).
     */
    public byte[] compactPointer() {
        return compactPointer == null ? null : compactPointer.clone();
    }

    /** The version the inputs were chosen from, ref'd by the picker; unref it when the compaction ends. */
    public Version inputVersion() {
        return inputVersion;
    }

    static long totalBytes(List<FileMetaData> files) {
        long sum = 0;
        for (FileMetaData f : files) {
            sum += f.fileSize();
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(manual ? "manual " : "").append("compaction L").append(level)
                .append(" -> L").append(outputLevel).append(": ");
        files(sb, inputs);
        sb.append(" + ");
        files(sb, outputLevelInputs);
        return sb.append(isTrivialMove() ? " (trivial move)" : "").toString();
    }

    private static void files(StringBuilder sb, List<FileMetaData> files) {
        sb.append('[');
        for (int i = 0; i < files.size(); i++) {
            sb.append(i == 0 ? "#" : ", #").append(files.get(i).number());
        }
        sb.append(']');
    }
}
