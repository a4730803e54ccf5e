package dev.lsmkv.cli;

import dev.lsmkv.engine.LsmEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "checkpoint", description = {"Write a consistent, openable copy of the store to TARGET.",
    "Through LsmEngine.checkpoint: hard links where possible. TARGET must not exist. Refused, with exit code 3, "
        + "while an engine has DIR open: take the checkpoint from inside the application then "
        + "(POST /actuator/lsm {\"action\":\"checkpoint\",\"name\":\"...\"})."})
final class CheckpointCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The data directory.")
    Path dir;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The new directory to write; must not exist.")
    Path target;

    @Override
    int run() throws IOException {
        if (Files.exists(target)) {
            throw new CliException(ExitCodes.USAGE, "target " + target + " exists: a checkpoint goes to a new directory");
        }
        Stores.requireUnlocked(dir, "checkpoint", "take the checkpoint from inside it "
                + "(POST /actuator/lsm {\"action\":\"checkpoint\",\"name\":\"...\"})");
        try (LsmEngine db = LsmEngine.open(dir)) {
            db.checkpoint(target);
        }
        out().println("checkpoint of " + dir + " written to " + target + " (open it with LsmEngine.open to restore)");
        return ExitCodes.OK;
    }
}
