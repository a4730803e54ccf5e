package dev.lsmkv.engine;

import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.version.VersionSet;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Recovery of the writes the manifest does not cover (LevelDB's DBImpl::Recover listing and
 * RecoverLogFile): finds the WALs at or after the manifest's log number and replays them, in
 * order, into memtables written as L0 tables into the recovery's edit.
 *
 * <p>Thread-safety: none; used once, by the open, before any other thread runs.
 */
final class WalReplay {

    private final Path dir;
    private final Vfs fs;
    private final VersionSet versions;
    private final CompactionRunner runner;
    private final ObsoleteFiles obsoleteFiles;
    private final long memtableSizeBytes;

    WalReplay(Path dir, Vfs fs, VersionSet versions, CompactionRunner runner, ObsoleteFiles obsoleteFiles,
            long memtableSizeBytes) {
        this.dir = dir;
        this.fs = fs;
        this.versions = versions;
        this.runner = runner;
        this.obsoleteFiles = obsoleteFiles;
        this.memtableSizeBytes = memtableSizeBytes;
    }

    /**
     * REQUIRES: the manifest is recovered (or created). Replays the WALs it does not cover into
     * L0 tables added to {@code edit} (their numbers in {@code outputs}, pending until the edit is
     * applied) and returns the last sequence number, at least {@code lastSequence}.
     */
    long replay(long lastSequence, VersionEdit edit, List<Long> outputs) throws IOException {
        MemTable recovered = new MemTable();
        for (long number : walsToReplay()) {
            Path path = FileNames.walFile(dir, number);
            try (LogReader reader = new LogReader(fs.openReadable(path), path, LogFormat.WAL_MAGIC)) {
                byte[] record;
                while ((record = reader.readRecord()) != null) {
                    MemTable target = recovered;
                    long last;
                    try {
                        last = WriteBatchCodec.decode(record,
                                (seq, kind, key, value) -> target.add(seq, kind, key, value));
                    } catch (CorruptionException e) {
                        throw e.inFile(path);
                    }
                    lastSequence = Math.max(lastSequence, last);
                    if (recovered.approximateMemoryUsage() >= memtableSizeBytes) {
                        runner.flush(recovered, edit, outputs);
                        recovered = new MemTable();
                    }
                }
            }
        }
        if (!recovered.isEmpty()) {
            runner.flush(recovered, edit, outputs);
        }
        return lastSequence;
    }

    /**
     * Lists the directory: marks every file number used (a new file never reuses one), keeps
     * tables a damaged manifest tail may have named, and returns the WALs to replay, oldest first.
     */
    private List<Long> walsToReplay() throws IOException {
        List<Long> walNumbers = new ArrayList<>();
        Set<Long> named = versions.liveFileNumbers();
        for (String name : fs.list(dir)) {
            FileNames.Parsed p = FileNames.parse(name);
            if (p == null) {
                continue;
            }
            if (p.number() > 0) {
                versions.markFileNumberUsed(p.number());
            }
            if (p.type() == FileType.TABLE && !named.contains(p.number()) && versions.recoveredFromTornTail()) {
                // The manifest ended in a damaged record, which may have named this table: keep it
                // (never delete what corruption may have orphaned) for this session.
                obsoleteFiles.addPending(p.number());
            }
            if (p.type() == FileType.WAL && p.number() >= versions.logNumber()) {
                walNumbers.add(p.number());
            }
        }
        Collections.sort(walNumbers);
        return walNumbers;
    }
}
