package dev.lsmkv.engine;

import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionSet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An online checkpoint, as RocksDB's Checkpoint: a directory that {@link LsmEngine#open} opens
 * as the store was when {@link LsmEngine#checkpoint} was called, made while writes go on.
 *
 * <p>How (see docs/operations.md, "Backups"):
 * <ol>
 *   <li>The caller flushes, so every write acknowledged before the call is in a table, and pins
 *       a read view: no table of its version is deleted while this runs.</li>
 *   <li>Every table of that version is hard-linked (tables are immutable) or, where the file
 *       system has no hard links, copied and fsync'd, into {@code <target>.checkpoint-tmp}.</li>
 *   <li>A fresh manifest describing exactly that version, an empty WAL and CURRENT are written
 *       there ({@link VersionSet#writeCheckpointCatalog}), each synced.</li>
 *   <li>The directory is renamed to {@code target} and its parent synced: a crash leaves either
 *       no {@code target} or a complete one, never half a checkpoint.</li>
 * </ol>
 * The checkpoint holds no WAL data: it is the store as of the flush, which starts after the call
 * does. Writes that land after the flush are not in it.
 */
final class Checkpoint {

    static final String TEMP_SUFFIX = ".checkpoint-tmp";

    private Checkpoint() {
    }

    /**
     * The normalized target, after checking it can become a checkpoint of the store in
     * {@code storeDir}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code target}
     */
    static Path validateTarget(Vfs fs, Path storeDir, Path target) {
        if (target == null) {
            throw new IllegalArgumentException("checkpoint target must not be null");
        }
        Path t = target.toAbsolutePath().normalize();
        Path store = storeDir.toAbsolutePath().normalize();
        if (t.startsWith(store)) {
            throw new IllegalArgumentException("checkpoint target " + target + " is inside the store's directory "
                    + storeDir + "; choose a directory outside it");
        }
        if (t.getFileName() == null) {
            throw new IllegalArgumentException("checkpoint target " + target + " is a root; choose a new directory");
        }
        if (fs.exists(t)) {
            throw new IllegalArgumentException("checkpoint target " + target
                    + " already exists; a checkpoint is written into a new directory");
        }
        Path temp = temp(t);
        if (fs.exists(temp)) {
            throw new IllegalArgumentException("checkpoint target " + target + ": " + temp
                    + " exists, left by a checkpoint that did not finish; delete it and try again");
        }
        return t;
    }

    /**
     * Writes the checkpoint of {@code version} (pinned by the caller) into {@code target}, which
     * {@link #validateTarget} accepted. On failure nothing is left at {@code target} and the
     * temporary directory is removed as far as possible.
     */
    static void write(Vfs fs, Path storeDir, VersionSet versions, Version version, long lastSequence,
            Path target) throws IOException {
        Path temp = temp(target);
        fs.createDirectories(temp);
        try {
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                for (FileMetaData f : version.files(level)) {
                    fs.linkOrCopy(FileNames.tableFile(storeDir, f.number()), FileNames.tableFile(temp, f.number()));
                }
            }
            versions.writeCheckpointCatalog(version, temp, lastSequence);
            fs.rename(temp, target);
            fs.syncDirectory(target.getParent());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(fs, temp, e);
            throw e;
        }
    }

    private static Path temp(Path target) {
        return target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    }

    private static void deleteQuietly(Vfs fs, Path temp, Exception failure) {
        try {
            if (fs.exists(temp)) {
                for (String name : fs.list(temp)) {
                    fs.delete(temp.resolve(name));
                }
                fs.delete(temp);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
