package dev.lsmkv.engine.version;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.InternalKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies a run of edits to a base version and builds the result once at the end (so replaying
 * a long manifest sorts each level once, not once per edit). Not thread-safe.
 *
 * <p>Within one edit, deletions apply before additions, so an edit may move a file to another
 * level by deleting and re-adding its number (a trivial move). Every violation is a
 * {@link CorruptionException} without a file; the version set attributes it to the manifest
 * during recovery.
 */
final class VersionBuilder {

    /** L1+ order: by smallest internal key. */
    static final Comparator<FileMetaData> BY_SMALLEST = (a, b) -> InternalKey.compare(a.smallest(), b.smallest());
    /** L0 order: newest (highest number) first. */
    static final Comparator<FileMetaData> NEWEST_FIRST = (a, b) -> Long.compare(b.number(), a.number());

    private final List<Map<Long, FileMetaData>> levels = new ArrayList<>(Version.NUM_LEVELS);
    /** File number to its level, across all levels. */
    private final Map<Long, Integer> levelOf = new HashMap<>();

    VersionBuilder(Version base) {
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            Map<Long, FileMetaData> files = new LinkedHashMap<>();
            for (FileMetaData f : base.files(level)) {
                files.put(f.number(), f);
                levelOf.put(f.number(), level);
            }
            levels.add(files);
        }
    }

    /** Applies {@code edit}'s deletions, then its additions. */
    void apply(VersionEdit edit) {
        for (VersionEdit.DeletedFile d : edit.deletedFiles()) {
            Integer at = levelOf.get(d.fileNumber());
            if (at == null || at != d.level()) {
                throw new CorruptionException("edit deletes file " + d.fileNumber() + " from level " + d.level()
                        + ", which does not hold it (" + (at == null ? "no level does" : "it is in level " + at) + ")");
            }
            levels.get(d.level()).remove(d.fileNumber());
            levelOf.remove(d.fileNumber());
        }
        for (VersionEdit.NewFile n : edit.newFiles()) {
            long number = n.file().number();
            Integer at = levelOf.get(number);
            if (at != null) {
                throw new CorruptionException("edit adds file " + number + " to level " + n.level()
                        + ", but it is already live in level " + at);
            }
            levels.get(n.level()).put(number, n.file());
            levelOf.put(number, n.level());
        }
    }

    /** The version; checks that levels 1 and up do not overlap. */
    Version build(Consumer<Version> onRelease) {
        List<List<FileMetaData>> out = new ArrayList<>(Version.NUM_LEVELS);
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            List<FileMetaData> files = new ArrayList<>(levels.get(level).values());
            if (level == 0) {
                files.sort(NEWEST_FIRST);
            } else {
                files.sort(BY_SMALLEST);
                for (int i = 1; i < files.size(); i++) {
                    FileMetaData prev = files.get(i - 1);
                    FileMetaData next = files.get(i);
                    if (InternalKey.compare(prev.largest(), next.smallest()) >= 0) {
                        throw new CorruptionException("files " + prev.number() + " and " + next.number()
                                + " overlap in level " + level + ": " + InternalKey.describe(prev.largest())
                                + " >= " + InternalKey.describe(next.smallest()));
                    }
                }
            }
            out.add(files);
        }
        return new Version(out, onRelease);
    }
}
