package dev.lsmkv.engine.base;

import java.nio.file.Path;

/**
 * Names of the files in an engine directory:
 *
 * <pre>
 * LOCK                 held while the engine is open
 * CURRENT              the name of the live manifest, one line, replaced by atomic rename
 * MANIFEST-NNNNNN      version edits
 * NNNNNN.log           write-ahead log of one memtable
 * NNNNNN.sst           SSTable
 * NNNNNN.dbtmp         a file being written, renamed into place when complete
 * </pre>
 *
 * File numbers come from one counter, so every number names one file.
 */
public final class FileNames {

    public static final String LOCK = "LOCK";
    public static final String CURRENT = "CURRENT";

    private FileNames() {
    }

    /** A parsed directory entry: its type and file number (0 for LOCK and CURRENT). */
    public record Parsed(FileType type, long number) {
    }

    public static Path walFile(Path dir, long number) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "%06d.log", number));
    }

    public static Path tableFile(Path dir, long number) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "%06d.sst", number));
    }

    public static Path manifestFile(Path dir, long number) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "MANIFEST-%06d", number));
    }

    public static String manifestName(long number) {
        return String.format(java.util.Locale.ROOT, "MANIFEST-%06d", number);
    }

    public static Path tempFile(Path dir, long number) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "%06d.dbtmp", number));
    }

    public static Path currentFile(Path dir) {
        return dir.resolve(CURRENT);
    }

    public static Path lockFile(Path dir) {
        return dir.resolve(LOCK);
    }

    /** Parses a file name of this directory layout, or returns null for a name that is not ours. */
    public static Parsed parse(String name) {
        if (name.equals(LOCK)) {
            return new Parsed(FileType.LOCK, 0);
        }
        if (name.equals(CURRENT)) {
            return new Parsed(FileType.CURRENT, 0);
        }
        if (name.startsWith("MANIFEST-")) {
            long n = number(name.substring("MANIFEST-".length()));
            return n < 0 ? null : new Parsed(FileType.MANIFEST, n);
        }
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        long n = number(name.substring(0, dot));
        if (n < 0) {
            return null;
        }
        return switch (name.substring(dot + 1)) {
            case "log" -> new Parsed(FileType.WAL, n);
            case "sst" -> new Parsed(FileType.TABLE, n);
            case "dbtmp" -> new Parsed(FileType.TEMP, n);
            default -> null;
        };
    }

    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }
}
