package dev.lsmkv.engine.version;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.base.FileType;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.fs.WritableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads and replaces CURRENT, which names the live manifest:
 *
 * <pre>
 * CURRENT := "MANIFEST-" decimal digits (at least 6, zero-padded) "\n"   (ASCII, no other bytes)
 * </pre>
 *
 * CURRENT is only ever replaced by writing a temporary file ({@code NNNNNN.dbtmp}, NNNNNN the
 * new manifest's number), syncing it, renaming it over CURRENT atomically and syncing the
 * directory, so after a crash CURRENT names either the old manifest or the new one.
 */
public final class CurrentFile {

    /** Anything longer than this is not a CURRENT file we wrote. */
    private static final int MAX_SIZE = 64;

    private CurrentFile() {
    }

    /**
     * The manifest number CURRENT names.
     *
     * @throws CorruptionException naming CURRENT if it is not exactly one manifest name and a newline
     */
    public static long read(Vfs fs, Path dir) throws IOException {
        Path current = FileNames.currentFile(dir);
        byte[] bytes;
        try (ReadableFile f = fs.openReadable(current)) {
            long size = f.size();
            if (size == 0 || size > MAX_SIZE) {
                throw new CorruptionException(current, "expected one manifest name and a newline, found " + size
                        + " bytes");
            }
            bytes = new byte[(int) size];
            f.readFully(0, bytes, 0, bytes.length);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.endsWith("\n")) {
            throw new CorruptionException(current, "expected a manifest name ending in a newline, found \""
                    + printable(text) + "\"");
        }
        FileNames.Parsed parsed = FileNames.parse(text.substring(0, text.length() - 1));
        if (parsed == null || parsed.type() != FileType.MANIFEST) {
            throw new CorruptionException(current, "expected a manifest name (MANIFEST-NNNNNN), found \""
                    + printable(text) + "\"");
        }
        return parsed.number();
    }

    /**
     * Points CURRENT at manifest {@code number}: temp file, sync, atomic rename, directory sync.
     * REQUIRES: the manifest is synced and its directory entry durable. Returns normally once
     * the switch is durable.
     *
     * @throws IOException if it fails; {@code renamed[0]} then says whether the rename happened
     *         (CURRENT may then name the new manifest even though the call failed)
     */
    static void write(Vfs fs, Path dir, long number, boolean[] renamed) throws IOException {
        renamed[0] = false;
        Path temp = FileNames.tempFile(dir, number);
        byte[] content = (FileNames.manifestName(number) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            try (WritableFile f = fs.create(temp)) {
                f.append(content);
                f.sync();
            }
            fs.rename(temp, FileNames.currentFile(dir));
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        renamed[0] = true;
        fs.syncDirectory(dir);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
