package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.version.FileMetaData;
import java.util.List;

/**
 * What a directory's manifest says, as of one read.
 *
 * @param manifestNumber      the manifest CURRENT names
 * @param logNumber           WAL files numbered at or above this hold writes no table has yet
 * @param lastSequence        the last sequence number the manifest records (the WAL may hold later ones)
 * @param nextFileNumber      the next file number the engine would hand out
 * @param manifestTornTail    true iff the manifest's last record was torn (a crash while appending)
 * @param levels              the live tables of each level, {@code levels.get(0)} being L0
 */
public record StoreState(long manifestNumber, long logNumber, long lastSequence, long nextFileNumber,
        boolean manifestTornTail, List<List<FileMetaData>> levels) {

    /** Every live table, level by level. */
    public List<FileMetaData> allFiles() {
        return levels.stream().flatMap(List::stream).toList();
    }

    /** The level holding table {@code number}, or -1. */
    public int levelOf(long number) {
        for (int level = 0; level < levels.size(); level++) {
            for (FileMetaData f : levels.get(level)) {
                if (f.number() == number) {
                    return level;
                }
            }
        }
        return -1;
    }
}
