package dev.lsmkv.cli;

import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.iterator.UserIterator;
import dev.lsmkv.engine.tool.StoreReader;
import dev.lsmkv.engine.tool.StoreState;
import dev.lsmkv.engine.version.FileMetaData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stats", description = {"Print files, bytes and entries per level, and space amplification.",
    "Also WAL and manifest sizes, and live data measured by a full scan (skip it with --no-scan)."})
final class StatsCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The data directory.")
    Path dir;

    @Option(names = "--no-scan", description = "Skip the full scan that measures live data and space amplification.")
    boolean noScan;

    @Override
    int run() throws IOException {
        try (Stores.ReadSession s = Stores.read(dir, err())) {
            StoreState state = s.inspector().readState();
            out().printf(Locale.ROOT, "store %s%n", dir);
            out().printf(Locale.ROOT, "manifest %s: log number %d, last sequence %d, next file number %d%n",
                    FileNames.manifestName(state.manifestNumber()), state.logNumber(), state.lastSequence(),
                    state.nextFileNumber());
            out().printf(Locale.ROOT, "%-5s %6s %14s %12s %12s%n", "level", "files", "bytes", "entries", "tombstones");
            long tableBytes = 0;
            long entries = 0;
            long tombstones = 0;
            int files = 0;
            for (int level = 0; level < state.levels().size(); level++) {
                List<FileMetaData> fs = state.levels().get(level);
                long bytes = fs.stream().mapToLong(FileMetaData::fileSize).sum();
                long e = fs.stream().mapToLong(FileMetaData::entries).sum();
                long t = fs.stream().mapToLong(FileMetaData::tombstones).sum();
                out().printf(Locale.ROOT, "L%-4d %6d %14d %12d %12d%n", level, fs.size(), bytes, e, t);
                tableBytes += bytes;
                entries += e;
                tombstones += t;
                files += fs.size();
            }
            out().printf(Locale.ROOT, "%-5s %6d %14d %12d %12d%n", "total", files, tableBytes, entries, tombstones);
            long walBytes = 0;
            List<Path> wals = s.inspector().liveWalFiles(state);
            for (Path wal : wals) {
                walBytes += s.inspector().size(wal);
            }
            long manifestBytes = s.inspector().size(FileNames.manifestFile(dir, state.manifestNumber()));
            out().printf(Locale.ROOT, "wal: %d live file(s), %d bytes%n", wals.size(), walBytes);
            out().printf(Locale.ROOT, "manifest: %d bytes%n", manifestBytes);
            long obsolete = 0;
            for (Path p : s.inspector().files(FileType.TABLE)) {
                if (state.levelOf(dev.lsmkv.engine.tool.DirectoryInspector.fileNumber(p)) < 0) {
                    obsolete++;
                }
            }
            if (obsolete > 0) {
                out().printf(Locale.ROOT, "obsolete tables: %d (no version names them; removed at the next open)%n",
                        obsolete);
            }
            if (!noScan) {
                long keys = 0;
                long liveBytes = 0;
                try (StoreReader reader = StoreReader.open(s.inspector(), state, true, System.currentTimeMillis());
                        UserIterator it = reader.scan(null, null)) {
                    while (it.next()) {
                        keys++;
                        liveBytes += it.key().length + it.value().length;
                    }
                    out().printf(Locale.ROOT, "wal contents: %d records, %d entries%n", reader.walRecords(),
                            reader.walEntries());
                }
                out().printf(Locale.ROOT, "live data: %d keys, %d bytes of keys and values%n", keys, liveBytes);
                out().println(liveBytes == 0 ? "space amplification: n/a (no live data)"
                        : String.format(Locale.ROOT, "space amplification: %.2f (table and WAL bytes / live key and "
                                + "value bytes)", (double) (tableBytes + walBytes) / liveBytes));
            }
            out().println("write amplification: not known from the files (the running engine counts it: "
                    + "EngineStats.writeAmplification(), GET /actuator/lsm)");
            return ExitCodes.OK;
        }
    }
}
