package dev.lsmkv.cli;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand: runs {@link #run()} and turns what it throws into one line on stderr and an exit
 * code ({@link ExitCodes}), so a user error never shows a stack trace, whichever way the
 * {@code CommandLine} was built. Only an unexpected exception (a bug) prints its stack trace, with
 * exit code 5.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The command's work; returns its exit code. */
    abstract int run() throws IOException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (CliException e) {
            return fail(e.exitCode(), e.getMessage());
        } catch (CorruptionException e) {
            return fail(ExitCodes.CORRUPT, "corrupt: " + e.getMessage());
        } catch (LsmException e) {
            return fail(ExitCodes.FAILED, e.getMessage());
        } catch (NoSuchFileException e) {
            return fail(ExitCodes.FAILED, "no such file: " + e.getFile() + (e.getReason() == null ? "" : " (" + e.getReason()
                    + ")") + ". If an engine is running on the directory, it may have just removed it: retry.");
        } catch (IOException e) {
            return fail(ExitCodes.FAILED, "I/O error: " + e);
        } catch (IllegalArgumentException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        } catch (UnsupportedOperationException e) {
            return fail(ExitCodes.FAILED, "not supported by this engine build: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not a user error: the stack trace is what a report needs. Exit code 5, not
            // picocli's default 1, which means "corruption found" here.
            e.printStackTrace(err());
            return fail(ExitCodes.FAILED, "internal error (please report it with the stack trace above): " + e);
        } finally {
            out().flush();
            err().flush();
        }
    }

    private int fail(int code, String message) {
        out().flush();
        err().println("lsm-cli " + spec.name() + ": " + message);
        return code;
    }
}
