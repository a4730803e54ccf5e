package dev.lsmkv.cli;

import dev.lsmkv.engine.tool.Verifier;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", description = {"Checksum every block of every live file; exit 0 only if all check out.",
    "Reads every block of every live table, every WAL record, the MANIFEST and CURRENT. Exit code 1 when anything "
        + "is damaged; each bad file and block offset is printed."})
final class VerifyCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The data directory.")
    Path dir;

    /** Checks of a directory a running engine changes meanwhile, before damage is reported as such. */
    static final int LIVE_ATTEMPTS = 3;

    @Override
    int run() throws IOException {
        try (Stores.ReadSession s = Stores.read(dir, err())) {
            Verifier.Report r = verify(s);
            for (Verifier.Problem p : r.problems()) {
                out().println("BAD " + p);
            }
            for (String note : r.notes()) {
                out().println("note: " + note);
            }
            out().printf(Locale.ROOT, "checked %d tables (%d data blocks, %d entries), %d WAL files (%d records), %s%n",
                    r.tables(), r.blocks(), r.entries(), r.wals(), r.walRecords(),
                    r.manifestRead() ? "MANIFEST and CURRENT" : "MANIFEST and CURRENT unreadable");
            if (r.ok()) {
                out().println("OK");
                return ExitCodes.OK;
            }
            out().println("CORRUPT: " + r.problems().size() + (r.problems().size() == 1 ? " problem" : " problems"));
            return ExitCodes.CORRUPT;
        }
    }

    /**
     * Verifies; on a directory a running engine holds, a problem or a vanished file may be the
     * engine's doing (a compaction deleted a table after the manifest was read), so the check is
     * repeated, and only what every attempt finds is reported. Damage on disk does not go away.
     */
    private Verifier.Report verify(Stores.ReadSession s) throws IOException {
        int attempts = s.live() ? LIVE_ATTEMPTS : 1;
        for (int i = 1; ; i++) {
            try {
                Verifier.Report r = Verifier.verify(s.inspector());
                if (r.ok() || i >= attempts) {
                    return r;
                }
            } catch (NoSuchFileException e) {
                if (i >= attempts) {
                    throw e;
                }
            }
            err().println("note: the running engine may have changed files during the check; checking again");
        }
    }
}
