package dev.lsmkv.engine.version;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import dev.lsmkv.engine.wal.LogWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The MANIFEST and CURRENT of one engine directory: the current {@link Version}, every version
 * still referenced, and the counters that survive a restart (next file number, last sequence,
 * log number, compact pointers).
 *
 * <p>Thread-safety: thread-safe. This object's monitor guards its state and is never held
 * across disk I/O: {@link #logAndApply} prepares the edit under it, writes and syncs the
 * manifest (and switches CURRENT) without it, then installs the version under it again, as
 * LevelDB's LogAndApply releases the DB mutex around the manifest write (version_set.cc). A
 * separate {@code manifestWriteLock}, taken before the monitor, serializes manifest writers, so
 * the current version cannot change between preparing and installing an edit; file numbers,
 * the current version and live files stay available to other threads meanwhile.
 * {@link Version#unref()} may be called from any thread.
 *
 * <p>The MANIFEST is a log of {@link VersionEdit}s in the WAL record framing (magic
 * {@link LogFormat#MANIFEST_MAGIC}); its first record is a snapshot edit holding every live
 * file and counter, each later record one change. See docs/file-formats.md ("MANIFEST and CURRENT").
 *
 * <p>Invariants:
 * <ol>
 *   <li>M1: an edit's record is synced to the manifest before its version is installed: no
 *       reader sees a version the manifest could lose.</li>
 *   <li>M2: CURRENT is only ever replaced by write-temp, sync, atomic rename, directory sync,
 *       and only after the manifest it names is synced and its directory entry durable.</li>
 *   <li>M3: a manifest is never appended to by a later process: {@link #recover()} always
 *       starts a new one, so a torn tail left by a crash stays at the end of a dead file.</li>
 *   <li>M4: after an I/O error on the manifest, the next {@link #logAndApply} rolls to a new
 *       manifest, so a half-written record never ends up in the middle of a live one.</li>
 *   <li>M5: every file number handed out is below {@link #nextFileNumber()}, and the number
 *       recorded with each edit is at least that, so no number is reused after a restart.</li>
 * </ol>
 */
public final class VersionSet implements Closeable {

    private enum State { NEW, OPEN, CLOSED }

    private final Path dir;
    private final Vfs fs;
    private final long maxManifestFileSizeBytes;
    /** Held by the one thread writing the manifest; taken before, and released after, the monitor. */
    private final ReentrantLock manifestWriteLock = new ReentrantLock();

    @GuardedBy("this")
    private State state = State.NEW;
    @GuardedBy("this")
    private long nextFileNumber = 1;
    @GuardedBy("this")
    private long lastSequence;
    @GuardedBy("this")
    private long logNumber;
    @GuardedBy("this")
    private long manifestFileNumber;
    @GuardedBy("this")
    private LogWriter manifestLog;
    /** Set after an I/O error on the manifest: the next edit goes to a new one (M4). */
    @GuardedBy("this")
    private boolean manifestBroken;
    @GuardedBy("this")
    private Version current;
    /** Every version with a reference, current included. */
    @GuardedBy("this")
    private final Set<Version> live = new HashSet<>();
    @GuardedBy("this")
    private boolean recoveredFromTornTail;
    /** The manifest read by recover(), deleted once a new one is written; -1 for none or to keep it. */
    @GuardedBy("this")
    private long recoveredManifestToDelete = -1;
    @GuardedBy("this")
    private final byte[][] compactPointers = new byte[Version.NUM_LEVELS][];

    /**
     * @param maxManifestFileSizeBytes size past which the next edit starts a new manifest
     *                                 holding one snapshot
     */
    public VersionSet(Path dir, Vfs fs, long maxManifestFileSizeBytes) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.fs = Objects.requireNonNull(fs, "fs");
        if (maxManifestFileSizeBytes <= 0) {
            throw new IllegalArgumentException("maxManifestFileSizeBytes must be positive, was " + maxManifestFileSizeBytes);
        }
        this.maxManifestFileSizeBytes = maxManifestFileSizeBytes;
    }

    /** True iff CURRENT is present, so the directory holds a store to {@link #recover()}. */
    public synchronized boolean exists() {
        return fs.exists(FileNames.currentFile(dir));
    }

    /**
     * Starts a new, empty store: writes a manifest (MANIFEST-000001 for a fresh version set)
     * holding a snapshot edit, syncs it and the directory, then writes CURRENT (M2).
     * REQUIRES: neither created nor recovered; CURRENT absent.
     */
    public synchronized void create() throws IOException {
        requireState(State.NEW);
        if (exists()) {
            throw new IllegalStateException(FileNames.currentFile(dir) + " exists: recover() the store instead");
        }
        fs.createDirectories(dir);
        installVersion(Version.empty(this::forget));
        long number = newFileNumber();
        switchToNewManifest(number, null);
        state = State.OPEN;
    }

    /**
     * Opens an existing store: reads CURRENT, replays every edit of the manifest it names, then
     * writes the recovered state as a snapshot into a new manifest and switches CURRENT to it
     * (M3). The old manifest is deleted once CURRENT no longer names it.
     *
     * <p>A torn last record (a crash while appending) is the end of the log. Anything else is a
     * {@link CorruptionException} and leaves every file untouched.
     *
     * @throws CorruptionException naming CURRENT if it is malformed or names a missing
     *         manifest; naming the manifest if a record mid-file is damaged, an edit does not
     *         decode, or the edits do not apply (a file added twice, a missing file deleted,
     *         overlapping files in a level, counters missing)
     */
    public synchronized void recover() throws IOException {
        requireState(State.NEW);
        Path currentPath = FileNames.currentFile(dir);
        long oldNumber = CurrentFile.read(fs, dir);
        Path manifest = FileNames.manifestFile(dir, oldNumber);
        if (!fs.exists(manifest)) {
            throw new CorruptionException(currentPath, "it names " + FileNames.manifestName(oldNumber)
                    + ", which does not exist");
        }
        VersionBuilder builder = new VersionBuilder(Version.empty(null));
        long recoveredLog = -1;
        long recoveredNext = -1;
        long recoveredLast = -1;
        byte[][] pointers = new byte[Version.NUM_LEVELS][];
        ReadableFile file = fs.openReadable(manifest);
        LogReader reader;
        try {
            reader = new LogReader(file, manifest, LogFormat.MANIFEST_MAGIC);
        } catch (CorruptionException e) {
            file.close();
            throw e.inFile(manifest);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        long maxNumberSeen = 0;
        boolean torn;
        try (reader) {
            int index = 0;
            for (byte[] record; (record = reader.readRecord()) != null; index++) {
                VersionEdit edit;
                try {
                    edit = VersionEdit.decode(record);
                    builder.apply(edit);
                } catch (CorruptionException e) {
                    throw new CorruptionException(manifest, "record " + index + ": " + e.getMessage(), e);
                }
                if (edit.hasLogNumber()) {
                    recoveredLog = edit.logNumber();
                }
                if (edit.hasNextFileNumber()) {
                    recoveredNext = edit.nextFileNumber();
                }
                if (edit.hasLastSequence()) {
                    recoveredLast = edit.lastSequence();
                }
                for (VersionEdit.CompactPointer p : edit.compactPointers()) {
                    pointers[p.level()] = p.internalKey();
                }
                for (VersionEdit.NewFile n : edit.newFiles()) {
                    maxNumberSeen = Math.max(maxNumberSeen, n.file().number());
                }
            }
            torn = reader.stoppedAtTornTail();
        } catch (CorruptionException e) {
            throw e.inFile(manifest);
        }
        if (recoveredNext < 0 || recoveredLast < 0 || recoveredLog < 0) {
            throw new CorruptionException(manifest, "no " + (recoveredNext < 0 ? "next file number"
                    : recoveredLast < 0 ? "last sequence" : "log number") + " in any record");
        }
        Version version;
        try {
            version = builder.build(this::forget);
        } catch (CorruptionException e) {
            throw e.inFile(manifest);
        }
        checkFilesPresent(manifest, version, recoveredLog, torn);
        recoveredFromTornTail = torn;
        installVersion(version);
        logNumber = recoveredLog;
        lastSequence = recoveredLast;
        // Defensive: never hand out a number the directory may already use (M5).
        nextFileNumber = Math.max(recoveredNext, Math.max(oldNumber, Math.max(maxNumberSeen, recoveredLog)) + 1);
        System.arraycopy(pointers, 0, compactPointers, 0, pointers.length);
        // Nothing is written yet: an open that fails after this (a WAL it cannot read, say)
        // leaves the directory as it was. The first logAndApply starts a new manifest.
        manifestFileNumber = oldNumber;
        recoveredManifestToDelete = torn ? -1 : oldNumber; // keep one whose tail was cut: it may be damage
        state = State.OPEN;
    }

    /**
     * Before anything is written: every table the recovered version names must exist, and so
     * must the WAL at the log number (it is created before an edit names it and deleted only
     * after a later edit moves the log number past it). A missing file means the manifest is
     * behind the directory — typically a damaged last record read as a torn tail — and opening
     * would lose data, so it is corruption.
     */
    @GuardedBy("this")
    private void checkFilesPresent(Path manifest, Version version, long recoveredLog, boolean torn) {
        String hint = torn ? " (the manifest's last record is damaged or torn, so the manifest is behind the directory)"
                : "";
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : version.files(level)) {
                Path table = FileNames.tableFile(dir, f.number());
                if (!fs.exists(table)) {
                    throw new CorruptionException(manifest, "it names " + table.getFileName() + " in level " + level
                            + ", which is missing" + hint + "; restore the missing file or the manifest from a backup");
                }
            }
        }
        if (recoveredLog > 0) {
            Path wal = FileNames.walFile(dir, recoveredLog);
            if (!fs.exists(wal)) {
                throw new CorruptionException(manifest, "its log number names " + wal.getFileName()
                        + ", which is missing" + hint + "; restore the manifest from a backup");
            }
        }
    }

    /**
     * True iff {@link #recover()} stopped at a torn last record. The engine then keeps table
     * files no version names (they may be the outputs of that record) instead of deleting them.
     */
    public synchronized boolean recoveredFromTornTail() {
        return recoveredFromTornTail;
    }

    /** The current version, not ref'd: {@link Version#ref()} what you keep, or use {@link #refCurrent()}. */
    public synchronized Version current() {
        return current;
    }

    /** The current version with a reference taken atomically; the caller must {@link Version#unref()} it. */
    public synchronized Version refCurrent() {
        current.ref();
        return current;
    }

    /** Allocates a file number (for a table, WAL or manifest). */
    public synchronized long newFileNumber() {
        return nextFileNumber++;
    }

    /** Makes sure {@code number} is never handed out (a file found on disk during recovery). */
    public synchronized void markFileNumberUsed(long number) {
        if (number >= nextFileNumber) {
            nextFileNumber = number + 1;
        }
    }

    /** The number the next {@link #newFileNumber()} returns. */
    public synchronized long nextFileNumber() {
        return nextFileNumber;
    }

    public synchronized long lastSequence() {
        return lastSequence;
    }

    /** REQUIRES: {@code seq} &gt;= {@link #lastSequence()} (sequences never go back). */
    public synchronized void setLastSequence(long seq) {
        if (seq < lastSequence || seq > InternalKey.MAX_SEQUENCE) {
            throw new IllegalArgumentException("last sequence may only grow (within 56 bits): " + lastSequence + " -> " + seq);
        }
        lastSequence = seq;
    }

    /** WAL files with number &gt;= this must be replayed on recovery; older ones are obsolete. */
    public synchronized long logNumber() {
        return logNumber;
    }

    /** The number of the manifest being appended to; any other MANIFEST file is obsolete. */
    public synchronized long manifestFileNumber() {
        return manifestFileNumber;
    }

    /**
     * Records {@code edit} durably, then installs the version it produces.
     *
     * <p>The edit is completed with the next file number and last sequence (and the current log
     * number if it sets none), written to the manifest and synced (M1); when the manifest has
     * passed its maximum size, or an earlier write failed (M4), a new manifest is started
     * instead, holding a snapshot and then the edit, and CURRENT is switched to it (M2).
     *
     * <p>On an I/O error the current version and counters are unchanged and the exception
     * propagates. The edit may nevertheless have reached the disk, so the caller must treat the
     * error as a background error and must not delete the edit's new files before a restart has
     * read the manifest again.
     *
     * @throws IllegalArgumentException if the edit does not apply to the current version (a file
     *         added twice, a missing file deleted, overlapping files in a level), or its log number
     *         goes back or is not below {@link #nextFileNumber()}; nothing is written then
     */
    public void logAndApply(VersionEdit edit) throws IOException {
        manifestWriteLock.lock();
        try {
            Version version;
            LogWriter log;
            long newManifestNumber = -1;
            VersionEdit snapshot = null;
            synchronized (this) {
                requireState(State.OPEN);
                if (edit.hasLogNumber()) {
                    if (edit.logNumber() < logNumber || edit.logNumber() >= nextFileNumber) {
                        throw new IllegalArgumentException("log number " + edit.logNumber() + " must be between the "
                                + "current " + logNumber + " and the next file number " + nextFileNumber
                                + " (exclusive)");
                    }
                } else {
                    edit.setLogNumber(logNumber);
                }
                try {
                    VersionBuilder builder = new VersionBuilder(current);
                    builder.apply(edit);
                    version = builder.build(this::forget);
                } catch (CorruptionException e) {
                    throw new IllegalArgumentException("the edit does not apply to the current version: "
                            + e.getMessage(), e);
                }
                log = manifestLog;
                if (manifestBroken || log == null || log.size() >= maxManifestFileSizeBytes) {
                    newManifestNumber = newFileNumber();
                    snapshot = snapshotEdit();
                }
                // Numbers handed out while the monitor is released below are above this one; a
                // later edit records them (and recovery marks every number found on disk as used).
                edit.setNextFileNumber(nextFileNumber).setLastSequence(lastSequence);
            }
            // Disk I/O without the monitor (manifestWriteLock keeps other writers out).
            Superseded oldManifest = null;
            if (newManifestNumber >= 0) {
                LogWriter newLog = writeManifest(newManifestNumber, snapshot, edit);
                synchronized (this) {
                    oldManifest = adoptManifest(newLog, newManifestNumber);
                }
            } else {
                try {
                    log.addRecord(edit.encode());
                    log.flush();
                    log.sync();
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        manifestBroken = true;
                    }
                    throw asIOException(e);
                }
            }
            synchronized (this) {
                logNumber = edit.logNumber();
                for (VersionEdit.CompactPointer p : edit.compactPointers()) {
                    compactPointers[p.level()] = p.internalKey();
                }
                installVersion(version);
            }
            if (oldManifest != null) {
                closeAndDelete(oldManifest);
            }
        } finally {
            manifestWriteLock.unlock();
        }
    }

    /**
     * Writes the catalog of a checkpoint of {@code v} into {@code target}, whose tables must
     * already be there: MANIFEST-n holding one snapshot edit of {@code v}, an empty WAL n+1 (the
     * checkpoint's log number, so that opening it replays nothing), then CURRENT naming the
     * manifest, each synced, and the directory synced before CURRENT (M2). n is this store's next
     * file number, above every table {@code v} names.
     *
     * @param lastSequence at least the sequence of every entry in {@code v}'s tables
     */
    public void writeCheckpointCatalog(Version v, Path target, long lastSequence) throws IOException {
        long n;
        VersionEdit e = new VersionEdit();
        synchronized (this) {
            requireState(State.OPEN);
            n = nextFileNumber;
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                if (compactPointers[level] != null) {
                    e.setCompactPointer(level, compactPointers[level]);
                }
            }
        }
        e.setLogNumber(n + 1).setNextFileNumber(n + 2).setLastSequence(lastSequence);
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                e.addFile(level, f);
            }
        }
        Path manifest = FileNames.manifestFile(target, n);
        try (LogWriter log = new LogWriter(fs.create(manifest), manifest, LogFormat.MANIFEST_MAGIC)) {
            log.addRecord(e.encode());
            log.flush();
            log.sync();
        }
        Path wal = FileNames.walFile(target, n + 1);
        try (LogWriter log = new LogWriter(fs.create(wal), wal, LogFormat.WAL_MAGIC)) {
            log.flush();
            log.sync();
        }
        fs.syncDirectory(target);
        CurrentFile.write(fs, target, n, new boolean[1]);
    }

    /** Numbers of all table files in any version still referenced (current included): never delete these. */
    public synchronized Set<Long> liveFileNumbers() {
        Set<Long> numbers = new HashSet<>();
        for (Version v : live) {
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                for (FileMetaData f : v.files(level)) {
                    numbers.add(f.number());
                }
            }
        }
        return numbers;
    }

    /** The internal key after which the next automatic compaction of {@code level} starts, or null. */
    public synchronized byte[] compactPointer(int level) {
        byte[] p = compactPointers[level];
        return p == null ? null : p.clone();
    }

    /** Closes the manifest. Versions still referenced stay readable. */
    @Override
    public void close() throws IOException {
        manifestWriteLock.lock(); // waits for a manifest write in progress
        try {
            LogWriter log;
            synchronized (this) {
                if (state == State.CLOSED) {
                    return;
                }
                state = State.CLOSED;
                log = manifestLog;
                manifestLog = null;
            }
            if (log != null) {
                log.close();
            }
        } finally {
            manifestWriteLock.unlock();
        }
    }

    // ---- internals ----

    /** REQUIRES: the monitor held (create(): nobody else can see this object yet). */
    @GuardedBy("this")
    private void switchToNewManifest(long number, VersionEdit edit) throws IOException {
        Superseded old = adoptManifest(writeManifest(number, snapshotEdit(), edit), number);
        if (old != null) {
            closeAndDelete(old);
        }
    }

    /**
     * Writes manifest {@code number} holding {@code snapshot} followed by {@code edit} (if not
     * null), syncs it and the directory and switches CURRENT to it (M2). Touches no field but
     * {@code manifestBroken}: on failure the previous manifest stays in use, or, if CURRENT may
     * already name the new one, the next edit rolls again (M4).
     */
    private LogWriter writeManifest(long number, VersionEdit snapshot, VersionEdit edit) throws IOException {
        Path path = FileNames.manifestFile(dir, number);
        LogWriter log = null;
        boolean[] renamed = {false};
        try {
            log = new LogWriter(fs.create(path), path, LogFormat.MANIFEST_MAGIC);
            log.addRecord(snapshot.encode());
            if (edit != null) {
                log.addRecord(edit.encode());
            }
            log.flush();
            log.sync();
            fs.syncDirectory(dir);
            CurrentFile.write(fs, dir, number, renamed);
            return log;
        } catch (IOException | RuntimeException e) {
            Exception failure = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (log != null) {
                try {
                    log.close();
                } catch (IOException suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
            if (renamed[0]) {
                // CURRENT may name the new manifest; keep it, and roll again next time (M4).
                synchronized (this) {
                    manifestBroken = true;
                }
            } else {
                try {
                    fs.delete(path);
                } catch (IOException suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
            throw asIOException(failure);
        }
    }

    /** A manifest CURRENT no longer names: its writer (null if none is open) and number. */
    private record Superseded(LogWriter log, long number) {
    }

    /**
     * Makes {@code log}, manifest {@code number} that CURRENT now names, the one appended to.
     * Returns the previous one for {@link #closeAndDelete}, or null. REQUIRES: the monitor held.
     */
    @GuardedBy("this")
    private Superseded adoptManifest(LogWriter log, long number) {
        LogWriter old = manifestLog;
        long oldNumber = manifestFileNumber;
        manifestLog = log;
        manifestFileNumber = number;
        manifestBroken = false;
        if (old != null) {
            return new Superseded(old, oldNumber);
        }
        if (recoveredManifestToDelete >= 0) {
            Superseded recovered = new Superseded(null, recoveredManifestToDelete);
            recoveredManifestToDelete = -1;
            return recovered;
        }
        return null;
    }

    /** Closes and deletes a superseded manifest: CURRENT names the new one durably. */
    private void closeAndDelete(Superseded old) {
        try {
            if (old.log() != null) {
                old.log().close();
            }
            fs.delete(FileNames.manifestFile(dir, old.number()));
        } catch (IOException ignored) {
            // Superseded; a leftover is deleted as obsolete later.
        }
    }

    /** Every live file and counter, as the first record of a new manifest. */
    @GuardedBy("this")
    private VersionEdit snapshotEdit() {
        VersionEdit e = new VersionEdit()
                .setLogNumber(logNumber)
                .setNextFileNumber(nextFileNumber)
                .setLastSequence(lastSequence);
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            if (compactPointers[level] != null) {
                e.setCompactPointer(level, compactPointers[level]);
            }
        }
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : current.files(level)) {
                e.addFile(level, f);
            }
        }
        return e;
    }

    @GuardedBy("this")
    private void installVersion(Version v) {
        v.ref();
        live.add(v);
        Version old = current;
        current = v;
        if (old != null) {
            old.unref();
        }
    }

    /** Called by a version whose last reference was released. */
    private synchronized void forget(Version v) {
        live.remove(v);
    }

    @GuardedBy("this")
    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("version set of " + dir + " is " + state + ", expected " + expected);
        }
    }

    /**
     * The wal writer may report I/O failures unchecked: returns them as the IOException they
     * are; throws any other RuntimeException as it is.
     */
    private static IOException asIOException(Exception e) {
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (e instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) e;
    }
}
