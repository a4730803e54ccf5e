package dev.lsmkv.cli;

import dev.lsmkv.engine.tool.StoreReader;
import dev.lsmkv.engine.tool.StoreState;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = {"Print the value of KEY (exit 4 if absent, deleted or expired).",
    "Reads the live tables and the WAL, as the engine would after recovery; with --keyspace, KEY is an entity id."})
final class GetCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The data directory.")
    Path dir;

    @Parameters(index = "1", paramLabel = "KEY", description = "The key (or, with --keyspace, the entity id).")
    String key;

    @Mixin
    FormatOptions format = new FormatOptions();

    @Mixin
    KeyspaceOptions keyspace = new KeyspaceOptions();

    @Override
    int run() throws IOException {
        byte[] k = keyspace.keyspace != null ? StarterLayout.entityKey(keyspace.keyspace, key, keyspace.idType)
                : format.keyFormat.parse(key, "key");
        try (Stores.ReadSession s = Stores.read(dir, err())) {
            StoreState state = s.inspector().readState();
            try (StoreReader reader = StoreReader.open(s.inspector(), state, true, System.currentTimeMillis())) {
                byte[] v = reader.get(k);
                if (v == null) {
                    err().println("not found: " + (keyspace.keyspace != null ? StarterLayout.describeKey(k)
                            : format.keyFormat.format(k)) + " (absent, deleted or expired)");
                    return ExitCodes.NOT_FOUND;
                }
                out().println(keyspace.keyspace != null ? StarterLayout.describeEntity(v) : format.value().apply(v));
                return ExitCodes.OK;
            }
        }
    }
}
