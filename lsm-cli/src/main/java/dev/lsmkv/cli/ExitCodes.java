package dev.lsmkv.cli;

/** The exit codes of every lsm-cli command (docs/operations.md, "Command-line tool"). */
public final class ExitCodes {

    /** Done; for verify: every block of every live file checks out. */
    public static final int OK = 0;
    /** Damage found: verify found a bad block or file, or a command could not read a file for a checksum/format error. */
    public static final int CORRUPT = 1;
    /** Wrong usage: an unknown option, a missing argument, a path that is not a store or a table. */
    public static final int USAGE = 2;
    /** Refused: the directory is locked by a running engine and the command needs it exclusively. */
    public static final int LOCKED = 3;
    /** get: the key is absent, deleted or expired. */
    public static final int NOT_FOUND = 4;
    /** Any other failure (an I/O error, say); the message names the file. */
    public static final int FAILED = 5;

    private ExitCodes() {
    }
}
