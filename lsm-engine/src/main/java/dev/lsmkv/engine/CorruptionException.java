package dev.lsmkv.engine;

import java.nio.file.Path;

/**
 * Bytes on disk that fail verification: a bad checksum, a truncated file, a bad magic number,
 * a record that cannot be decoded. The engine never returns such bytes as data, and never
 * deletes or rewrites the damaged file: restore it (from a backup) and the directory opens
 * as before.
 */
public class CorruptionException extends LsmException {

    private static final long serialVersionUID = 1L;

    private final String file;

    /** A corruption found where the file is not known yet; callers that know it rethrow with {@link #inFile}. */
    public CorruptionException(String detail) {
        super(detail);
        this.file = null;
    }

    public CorruptionException(Path file, String detail) {
        this(file, detail, null);
    }

    public CorruptionException(Path file, String detail, Throwable cause) {
        super("Corruption in " + file + ": " + detail
                + ". The file was left untouched; restore it from a backup to open the directory.", cause);
        this.file = file.toString();
    }

    /** The damaged file, or null when it was not known where the corruption was found. */
    public String file() {
        return file;
    }

    /** This corruption, attributed to {@code path} (itself if it already names a file). */
    public CorruptionException inFile(Path path) {
        if (file != null) {
            return this;
        }
        return new CorruptionException(path, getMessage(), this);
    }
}
