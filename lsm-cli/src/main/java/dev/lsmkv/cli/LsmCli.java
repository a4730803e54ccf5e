package dev.lsmkv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lsm-cli}: inspect, verify, compact and checkpoint an lsmkv directory, in the spirit of
 * RocksDB's {@code ldb} and {@code sst_dump}. Run {@code java -jar lsm-cli-VERSION.jar --help};
 * docs/operations.md ("Command-line tool") shows every command with its output and exit codes.
 *
 * <p>Read-only commands never write to the directory and may run beside a running engine (with a
 * warning); commands that write ({@code compact}, {@code checkpoint}) refuse a locked directory.
 */
@Command(name = "lsm-cli", mixinStandardHelpOptions = true, versionProvider = LsmCli.Version.class,
        description = "Inspect, verify, compact and checkpoint an lsmkv data directory.",
        subcommands = {StatsCommand.class, GetCommand.class, ScanCommand.class, VerifyCommand.class,
            DumpManifestCommand.class, DumpWalCommand.class, DumpTableCommand.class, CompactCommand.class,
            CheckpointCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes:", "  0  ok (verify: every block of every live file checks out)", "  1  corruption found",
            "  2  usage error", "  3  refused: the directory is locked by a running engine", "  4  key not found (get)",
            "  5  any other failure (the message names the file)"})
public final class LsmCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LsmCli()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LsmCli.class.getPackage().getImplementationVersion();
            return new String[] {"lsm-cli " + (v == null ? "(development build)" : v)};
        }
    }
}
