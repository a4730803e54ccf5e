package dev.lsmkv.cli;

import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "compact", description = {"Run a full compaction (opens the store read-write, then closes it).",
    "Refused, with exit code 3, while an engine has the directory open."})
final class CompactCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The data directory.")
    Path dir;

    @Override
    int run() throws IOException {
        Stores.requireUnlocked(dir, "compact", "compact from inside it (POST /actuator/lsm {\"action\":\"compact\"})");
        try (LsmEngine db = LsmEngine.open(dir)) {
            EngineStats before = db.stats();
            long start = System.nanoTime();
            db.compact();
            EngineStats after = db.stats();
            out().printf(Locale.ROOT, "compacted %s in %d ms: %d files, %d bytes before; %d files, %d bytes after%n",
                    dir, (System.nanoTime() - start) / 1_000_000, before.totalFiles(), totalBytes(before),
                    after.totalFiles(), totalBytes(after));
        }
        return ExitCodes.OK;
    }

    private static long totalBytes(EngineStats s) {
        return s.levels().stream().mapToLong(EngineStats.LevelStats::bytes).sum();
    }
}
