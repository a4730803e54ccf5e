package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.version.CurrentFile;
import dev.lsmkv.engine.version.FileMetaData;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints a MANIFEST (docs/file-formats.md, "MANIFEST and CURRENT"): which manifest CURRENT names,
 * then every version edit in it (counters, files added and deleted per level, compact pointers),
 * then how it ends.
 */
public final class ManifestDump {

    private ManifestDump() {
    }

    /** The manifest CURRENT of {@code dir} names. @throws CorruptionException naming CURRENT if it is malformed */
    public static Path currentManifest(Vfs fs, Path dir) throws IOException {
        return FileNames.manifestFile(dir, CurrentFile.read(fs, dir));
    }

    /**
     * Dumps the manifest {@code file} to {@code out}.
     *
     * @return the number of records
     * @throws CorruptionException naming the file if a record is damaged (with valid records
     *         after it) or does not decode as an edit
     */
    public static long dump(Vfs fs, Path file, EntryFormat format, PrintWriter out) throws IOException {
        long size = fs.size(file);
        try (LogReader reader = new LogReader(fs.openReadable(file), file, LogFormat.MANIFEST_MAGIC)) {
            out.printf(Locale.ROOT, "manifest %s: %d bytes, format version %d%n", file, size, reader.formatVersion());
            long records = 0;
            for (byte[] record; (record = reader.readRecord()) != null; records++) {
                VersionEdit edit;
                try {
                    edit = VersionEdit.decode(record);
                } catch (CorruptionException e) {
                    throw new CorruptionException(file, "record " + records + ": " + e.getMessage(), e);
                }
                StringBuilder head = new StringBuilder();
                if (edit.hasLogNumber()) {
                    head.append(" logNumber=").append(edit.logNumber());
                }
                if (edit.hasNextFileNumber()) {
                    head.append(" nextFileNumber=").append(edit.nextFileNumber());
                }
                if (edit.hasLastSequence()) {
                    head.append(" lastSequence=").append(edit.lastSequence());
                }
                out.printf(Locale.ROOT, "record #%d ending at offset %d:%s%n", records, reader.endOfLastRecord(), head);
                for (VersionEdit.CompactPointer p : edit.compactPointers()) {
                    out.printf(Locale.ROOT, "  compact pointer L%d %s%n", p.level(), TableDump.key(format, p.internalKey()));
                }
                for (VersionEdit.DeletedFile d : edit.deletedFiles()) {
                    out.printf(Locale.ROOT, "  delete L%d %06d.sst%n", d.level(), d.fileNumber());
                }
                for (VersionEdit.NewFile n : edit.newFiles()) {
                    out.printf(Locale.ROOT, "  add L%d %s%n", n.level(), describe(format, n.file()));
                }
            }
            out.println(reader.stoppedAtTornTail()
                    ? "end: torn record after offset " + reader.endOfLastRecord() + " (a crash while appending; "
                            + "recovery stops there)"
                    : "end: clean, " + records + " records");
            return records;
        }
    }

    /** One table's manifest entry on one line. */
    public static String describe(EntryFormat format, FileMetaData f) {
        return String.format(Locale.ROOT, "%06d.sst %d bytes, %d entries, %d tombstones, sequences %d..%d, "
                + "earliest expiry %s, keys %s .. %s", f.number(), f.fileSize(), f.entries(), f.tombstones(),
                f.minSequence(), f.maxSequence(), EntryFormat.expiry(f.earliestExpiryMillis()),
                TableDump.key(format, f.smallest()), TableDump.key(format, f.largest()));
    }
}
