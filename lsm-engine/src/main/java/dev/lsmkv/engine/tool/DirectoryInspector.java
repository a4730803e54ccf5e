package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.fs.DirectoryLock;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.Version;
import dev.lsmkv.engine.version.VersionSet;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One engine directory on disk, looked at from outside the engine: which files it holds, what
 * the manifest says is live, and whether an engine holds its lock. Reads only.
 *
 * <p>Thread-safe (it holds no mutable state; every call reads the disk again).
 */
public final class DirectoryInspector {

    private final Path dir;
    private final Vfs fs;

    private DirectoryInspector(Path dir, Vfs fs) {
        this.dir = dir;
        this.fs = fs;
    }

    /**
     * An inspector of the store in {@code dir}.
     *
     * @throws LsmException if {@code dir} is not a directory or holds no CURRENT file (not an
     *         lsmkv store, or one whose CURRENT was lost)
     */
    public static DirectoryInspector of(Path dir) {
        return of(dir, NioFileSystem.INSTANCE);
    }

    /** As {@link #of(Path)} over another file system (tests). */
    public static DirectoryInspector of(Path dir, Vfs fs) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir) && fs == NioFileSystem.INSTANCE) {
            throw new LsmException(dir + " is not a directory" + (Files.exists(dir) ? "" : " (it does not exist)"));
        }
        if (!fs.exists(FileNames.currentFile(dir))) {
            throw new LsmException(dir + " is not an lsmkv store: it has no CURRENT file. If it is one, its CURRENT "
                    + "file was lost: restore it from a backup.");
        }
        return new DirectoryInspector(dir, fs);
    }

    public Path dir() {
        return dir;
    }

    public Vfs fileSystem() {
        return fs;
    }

    /** The outcome of {@link #tryLock()}: the lock when it was taken, otherwise why not. */
    public record LockAttempt(DirectoryLock lock, String failure) implements Closeable {
        /** True iff this process now holds the directory's lock. */
        public boolean held() {
            return lock != null;
        }

        @Override
        public void close() throws IOException {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /**
     * Tries to take the lock an open engine holds (creating LOCK if missing). Held, it keeps an
     * engine from opening the directory while a tool reads it; close it when done. Not held, an
     * engine has the directory open (or the lock could not be taken: read-only media, say), and
     * {@link LockAttempt#failure()} says what happened.
     */
    public LockAttempt tryLock() {
        try {
            return new LockAttempt(fs.lock(FileNames.lockFile(dir)), null);
        } catch (IOException e) {
            // NioFileSystem says "already locked by ..." in a plain IOException; anything else
            // (a read-only directory, say) keeps its type so the user can tell the two apart.
            return new LockAttempt(null, e.getClass() == IOException.class ? e.getMessage() : e.toString());
        }
    }

    /**
     * What the manifest says: reads CURRENT and replays the manifest it names, exactly as the
     * engine's recovery does, but writes nothing.
     *
     * @throws dev.lsmkv.engine.CorruptionException naming CURRENT or the manifest if either is
     *         damaged, or a file the manifest names is missing
     */
    public StoreState readState() throws IOException {
        try (VersionSet versions = new VersionSet(dir, fs, Long.MAX_VALUE)) {
            versions.recover();
            Version v = versions.current();
            List<List<FileMetaData>> levels = new ArrayList<>();
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                levels.add(v.files(level));
            }
            return new StoreState(versions.manifestFileNumber(), versions.logNumber(), versions.lastSequence(),
                    versions.nextFileNumber(), versions.recoveredFromTornTail(), List.copyOf(levels));
        }
    }

    /** The files of the directory of {@code type}, by file number. */
    public List<Path> files(FileType type) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String name : fs.list(dir)) {
            FileNames.Parsed p = FileNames.parse(name);
            if (p != null && p.type() == type) {
                out.add(dir.resolve(name));
            }
        }
        out.sort(Comparator.comparingLong(DirectoryInspector::fileNumber));
        return Collections.unmodifiableList(out);
    }

    /** The WAL files recovery would replay: numbers at or above the manifest's log number, oldest first. */
    public List<Path> liveWalFiles(StoreState state) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : files(FileType.WAL)) {
            if (fileNumber(p) >= state.logNumber()) {
                out.add(p);
            }
        }
        return out;
    }

    /** The size of {@code file} in bytes. */
    public long size(Path file) throws IOException {
        return fs.size(file);
    }

    /** The file number in a name of the directory layout, or -1. */
    public static long fileNumber(Path file) {
        FileNames.Parsed p = FileNames.parse(file.getFileName().toString());
        return p == null ? -1 : p.number();
    }
}
