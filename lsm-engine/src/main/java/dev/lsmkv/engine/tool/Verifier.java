package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import dev.lsmkv.engine.WriteBatchCodec;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.sstable.TableLayout;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every byte the engine would trust in a directory: CURRENT and the manifest (replayed as
 * recovery does), then every block of every live table (footer, index, filter, properties and
 * each data block, read from disk and checksum-verified, each entry decoded, keys in order, entry
 * count and key range as the manifest records them), then every record of the live WAL files
 * (checksums, and each record decoded as a batch). A damaged block does not stop the check: the
 * report lists every problem found, each naming the file and, where known, the offset.
 *
 * <p>If the manifest cannot be read, liveness is unknown: every table and WAL in the directory
 * is checked instead, and the manifest's problem is reported.
 *
 * <p>A torn record at the end of a WAL or the manifest is what a crash leaves, not corruption;
 * it is reported as a note.
 */
public final class Verifier {

    private Verifier() {
    }

    /** A damaged or missing file: {@code offset} is where in {@code file}, or -1 when not known. */
    public record Problem(Path file, long offset, String message) {
        @Override
        public String toString() {
            return file + (offset >= 0 ? " at offset " + offset : "") + ": " + message;
        }
    }

    /** What {@link #verify} checked and found. {@link #ok()} iff no problem. */
    public record Report(List<Problem> problems, List<String> notes, int tables, long blocks, long entries,
            int wals, long walRecords, boolean manifestRead) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Verifies the store in {@code dir}; never throws for damage it finds, only for I/O it cannot do. */
    public static Report verify(DirectoryInspector dir) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StoreState state = null;
        try {
            state = dir.readState();
            if (state.manifestTornTail()) {
                notes.add(FileNames.manifestName(state.manifestNumber()) + " ends in a torn record (a crash while "
                        + "appending); recovery stops there");
            }
        } catch (CorruptionException e) {
            problems.add(new Problem(fileOf(e, dir.dir().resolve(FileNames.CURRENT)), -1, e.getMessage()));
            notes.add("the manifest could not be read, so which files are live is unknown: every table and WAL in "
                    + "the directory was checked");
        } catch (LsmException e) {
            problems.add(new Problem(dir.dir().resolve(FileNames.CURRENT), -1, e.getMessage()));
        }

        int tables = 0;
        long[] counts = new long[2]; // blocks, entries
        Set<Long> live = new HashSet<>();
        if (state != null) {
            for (FileMetaData f : state.allFiles()) {
                live.add(f.number());
                tables++;
                verifyTable(dir, FileNames.tableFile(dir.dir(), f.number()), f, problems, counts);
            }
            for (Path p : dir.files(FileType.TABLE)) {
                if (!live.contains(DirectoryInspector.fileNumber(p))) {
                    notes.add(p.getFileName() + " is not live (no version names it; the engine removes it at the "
                            + "next open): not checked");
                }
            }
        } else {
            for (Path p : dir.files(FileType.TABLE)) {
                tables++;
                verifyTable(dir, p, null, problems, counts);
            }
        }

        List<Path> wals = state != null ? dir.liveWalFiles(state) : dir.files(FileType.WAL);
        long walRecords = 0;
        for (Path wal : wals) {
            walRecords += verifyWal(dir, wal, problems, notes);
        }
        return new Report(List.copyOf(problems), List.copyOf(notes), tables, counts[0], counts[1], wals.size(),
                walRecords, state != null);
    }

    private static Path fileOf(CorruptionException e, Path fallback) {
        return e.file() == null ? fallback : Path.of(e.file());
    }

    private static void verifyTable(DirectoryInspector dir, Path path, FileMetaData meta, List<Problem> problems,
            long[] counts) throws IOException {
        if (!dir.fileSystem().exists(path)) {
            problems.add(new Problem(path, -1, "missing: the manifest names it"));
            return;
        }
        long size = dir.size(path);
        if (meta != null && size != meta.fileSize()) {
            problems.add(new Problem(path, -1, "is " + size + " bytes, the manifest says " + meta.fileSize()
                    + " (truncated or overwritten?)"));
        }
        TableLayout t;
        try {
            t = TableLayout.open(dir.fileSystem().openReadable(path), path);
        } catch (CorruptionException e) {
            problems.add(new Problem(path, -1, e.getMessage()));
            return;
        } catch (LsmException e) {
            problems.add(new Problem(path, -1, e.getMessage()));
            return;
        }
        try (t) {
            long entries = 0;
            byte[] first = null;
            byte[] previous = null;
            for (int i = 0; i < t.index().size(); i++) {
                counts[0]++;
                TableLayout.DataBlock b;
                try {
                    b = t.readDataBlock(i);
                } catch (CorruptionException e) {
                    problems.add(new Problem(path, t.index().get(i).block().offset(), e.getMessage()));
                    previous = null; // order cannot be checked across the gap
                    entries = -1;
                    continue;
                }
                for (TableLayout.BlockEntry e : b.entries()) {
                    if (previous != null && InternalKey.compare(previous, e.internalKey()) >= 0) {
                        problems.add(new Problem(path, b.handle().offset(), "data block " + i + ": key "
                                + InternalKey.describe(e.internalKey()) + " is not after "
                                + InternalKey.describe(previous)));
                    }
                    if (first == null && i == 0) {
                        first = e.internalKey();
                    }
                    previous = e.internalKey();
                    if (entries >= 0) {
                        entries++;
                    }
                    counts[1]++;
                }
            }
            if (entries >= 0 && entries != t.properties().entries()) {
                problems.add(new Problem(path, -1, "holds " + entries + " entries, its properties say "
                        + t.properties().entries()));
            }
            if (meta != null && entries > 0 && (!Arrays.equals(first, meta.smallest())
                    || !Arrays.equals(previous, meta.largest()))) {
                problems.add(new Problem(path, -1, "its keys run " + InternalKey.describe(first) + " .. "
                        + InternalKey.describe(previous) + ", the manifest says " + InternalKey.describe(meta.smallest())
                        + " .. " + InternalKey.describe(meta.largest())));
            }
        }
    }

    private static long verifyWal(DirectoryInspector dir, Path wal, List<Problem> problems, List<String> notes)
            throws IOException {
        long records = 0;
        LogReader reader;
        try {
            reader = new LogReader(dir.fileSystem().openReadable(wal), wal, LogFormat.WAL_MAGIC);
        } catch (LsmException e) {
            problems.add(new Problem(wal, -1, e.getMessage()));
            return 0;
        }
        try (reader) {
            for (byte[] record; (record = reader.readRecord()) != null; records++) {
                try {
                    WriteBatchCodec.decode(record, (seq, kind, key, value) -> { });
                } catch (CorruptionException e) {
                    problems.add(new Problem(wal, -1, "record " + records + " (ending at offset "
                            + reader.endOfLastRecord() + ") does not decode as a batch: " + e.getMessage()));
                }
            }
            if (reader.stoppedAtTornTail()) {
                notes.add(wal.getFileName() + " ends in a torn record after offset " + reader.endOfLastRecord()
                        + " (a crash, or an append in progress); recovery stops there, not corruption");
            }
        } catch (LsmException e) {
            problems.add(new Problem(wal, reader.endOfLastRecord(), e.getMessage()));
        }
        return records;
    }
}
