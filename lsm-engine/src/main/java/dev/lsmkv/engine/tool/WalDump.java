package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.WriteBatchCodec;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints a write-ahead log (docs/file-formats.md, "Log files"): every record as the batch it
 * holds, each op with its sequence, kind, key, expiry and value, then how the log ends (cleanly,
 * or in a torn record, which recovery treats as the end and is not corruption).
 */
public final class WalDump {

    private WalDump() {
    }

    /**
     * Dumps the WAL {@code file} to {@code out}.
     *
     * @return the number of records
     * @throws CorruptionException naming the file if a record is damaged with valid records
     *         after it, or a record does not decode as a batch
     */
    public static long dump(Vfs fs, Path file, EntryFormat format, PrintWriter out) throws IOException {
        long size = fs.size(file);
        try (LogReader reader = new LogReader(fs.openReadable(file), file, LogFormat.WAL_MAGIC)) {
            out.printf(Locale.ROOT, "wal %s: %d bytes, format version %d%n", file, size, reader.formatVersion());
            long records = 0;
            for (byte[] record; (record = reader.readRecord()) != null; records++) {
                long[] seqs = {-1, -1};
                StringBuilder ops = new StringBuilder();
                try {
                    WriteBatchCodec.decode(record, (seq, kind, key, value) -> {
                        if (seqs[0] < 0) {
                            seqs[0] = seq;
                        }
                        seqs[1] = seq;
                        ops.append("  ").append(format.describe(key, seq, kind, value)).append(System.lineSeparator());
                    });
                } catch (CorruptionException e) {
                    throw new CorruptionException(file, "record " + records + " (ending at offset "
                            + reader.endOfLastRecord() + "): " + e.getMessage(), e);
                }
                out.printf(Locale.ROOT, "record #%d ending at offset %d: batch of %s, %d bytes%n", records, reader.endOfLastRecord(),
                        seqs[0] < 0 ? "no ops" : "sequences " + seqs[0] + ".." + seqs[1], record.length);
                out.print(ops);
            }
            out.println(reader.stoppedAtTornTail()
                    ? "end: torn record after offset " + reader.endOfLastRecord() + " (a crash or an append in "
                            + "progress; recovery stops there; not corruption)"
                    : "end: clean, " + records + " records");
            return records;
        }
    }
}
