package dev.lsmkv.cli;

import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.tool.TableDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dump-table", description = {"Print an SSTable: footer, properties, filter, index, blocks, entries.",
    "Each entry with its internal key: user key, sequence, kind (PUT, DELETE, PUT_WITH_TTL) and TTL expiry. "
        + "Exit code 1 if a data block is damaged (the others are still printed)."})
final class DumpTableCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "An NNNNNN.sst file.")
    Path file;

    @Option(names = "--no-entries", description = "List the blocks without their entries.")
    boolean noEntries;

    @Mixin
    FormatOptions format = new FormatOptions();

    @Override
    int run() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.USAGE, file + " is not a file");
        }
        // A table is never changed once written: reading it is safe beside a running engine.
        int bad = TableDump.dump(NioFileSystem.INSTANCE, file, format.entryFormat(), !noEntries, out());
        return bad == 0 ? ExitCodes.OK : ExitCodes.CORRUPT;
    }
}
