package dev.lsmkv.cli;

import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.tool.WalDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "dump-wal", description = {"Print a write-ahead log, or every NNNNNN.log of DIR.",
    "Each record's batch with its ops (sequence, kind, key, TTL expiry, value), and how the log ends."})
final class DumpWalCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "An NNNNNN.log file, or a data directory.")
    Path path;

    @Mixin
    FormatOptions format = new FormatOptions();

    @Override
    int run() throws IOException {
        if (Files.isDirectory(path)) {
            try (Stores.ReadSession s = Stores.read(path, err())) {
                List<Path> wals = s.inspector().files(FileType.WAL);
                if (wals.isEmpty()) {
                    out().println("no WAL files in " + path);
                }
                for (Path wal : wals) {
                    WalDump.dump(NioFileSystem.INSTANCE, wal, format.entryFormat(), out());
                }
                return ExitCodes.OK;
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new CliException(ExitCodes.USAGE, path + " is neither a file nor a directory");
        }
        WalDump.dump(NioFileSystem.INSTANCE, path, format.entryFormat(), out());
        return ExitCodes.OK;
    }
}
