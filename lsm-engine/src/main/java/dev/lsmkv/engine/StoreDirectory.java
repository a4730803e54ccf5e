package dev.lsmkv.engine;

import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.fs.DirectoryLock;
import dev.lsmkv.engine.fs.Vfs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The checks an open makes on the data directory before it reads anything there, and the
 * directory lock (LevelDB's DB::Open: CreateDir, LockFile, the "exists but is not a DB" check).
 * Each failure names the directory and what to do.
 *
 * <p>Thread-safety: stateless.
 */
final class StoreDirectory {

    private StoreDirectory() {
    }

    /**
     * Refuses a directory that holds files but is not an lsmkv store, creates the directory if
     * missing and locks it against a second engine. The caller closes the lock if the open fails.
     */
    static DirectoryLock checkCreateAndLock(Vfs fs, Path dir) {
        checkIsStoreOrEmpty(fs, dir);
        try {
            fs.createDirectories(dir);
        } catch (IOException e) {
            throw new LsmException("cannot open " + dir + ": the data directory cannot be created (" + e
                    + "). Check that every parent is a directory, not a file, and that this process may "
                    + "create and write directories there.", e);
        }
        try {
            return fs.lock(FileNames.lockFile(dir));
        } catch (IOException e) {
            throw new LsmException("cannot open " + dir + ": the directory is locked by another open engine "
                    + "(in this or another process) or cannot be locked (" + e.getMessage()
                    + "). Close the other engine first.", e);
        }
    }

    /** Refuses, touching nothing, a directory that holds files but is not an lsmkv store. */
    private static void checkIsStoreOrEmpty(Vfs fs, Path dir) {
        if (!fs.exists(dir)) {
            return;
        }
        List<String> names;
        try {
            names = fs.list(dir);
        } catch (IOException e) {
            throw new LsmException("cannot open " + dir + ": it is not a readable directory (" + e + ")", e);
        }
        if (names.contains(FileNames.CURRENT)) {
            return;
        }
        List<String> others = new ArrayList<>();
        for (String name : names) {
            FileNames.Parsed p = FileNames.parse(name);
            if (p == null || p.type() != FileType.LOCK) {
                others.add(name);
            }
        }
        if (!others.isEmpty()) {
            Collections.sort(others);
            throw new LsmException("cannot open " + dir + ": it is not an lsmkv store (no CURRENT file) but holds "
                    + others.subList(0, Math.min(5, others.size())) + (others.size() > 5 ? " and more" : "")
                    + ". Use an empty or new directory; if this is an lsmkv store, its CURRENT file was lost: "
                    + "restore it from a backup.");
        }
    }
}
