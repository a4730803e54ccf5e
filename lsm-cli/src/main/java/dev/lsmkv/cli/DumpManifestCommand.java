package dev.lsmkv.cli;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.tool.ManifestDump;
import dev.lsmkv.engine.tool.StoreState;
import dev.lsmkv.engine.version.FileMetaData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "dump-manifest", description = {"Print the MANIFEST that CURRENT names, or a MANIFEST file.",
    "Every version edit, then (for a directory) the live tables of each level."})
final class DumpManifestCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "DIR|FILE", description = "A data directory, or a MANIFEST-NNNNNN file.")
    Path path;

    @Mixin
    FormatOptions format = new FormatOptions();

    @Override
    int run() throws IOException {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new CliException(ExitCodes.USAGE, path + " is neither a directory nor a file");
            }
            ManifestDump.dump(NioFileSystem.INSTANCE, path, format.entryFormat(), out());
            return ExitCodes.OK;
        }
        try (Stores.ReadSession s = Stores.read(path, err())) {
            Path manifest = ManifestDump.currentManifest(NioFileSystem.INSTANCE, path);
            out().println("CURRENT names " + manifest.getFileName());
            ManifestDump.dump(NioFileSystem.INSTANCE, manifest, format.entryFormat(), out());
            StoreState state;
            try {
                state = s.inspector().readState();
            } catch (CorruptionException e) {
                out().println("live tables: unknown, the manifest does not replay: " + e.getMessage());
                return ExitCodes.CORRUPT;
            }
            out().println("live tables:");
            for (int level = 0; level < state.levels().size(); level++) {
                for (FileMetaData f : state.levels().get(level)) {
                    out().println("  L" + level + " " + ManifestDump.describe(format.entryFormat(), f));
                }
            }
            return ExitCodes.OK;
        }
    }
}
