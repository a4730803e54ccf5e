package dev.lsmkv.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrashableFileSystemTests {

    private static final Path DIR = Path.of("/db");

    private CrashableFileSystem fs;

    @BeforeEach
    void setUp() throws IOException {
        fs = new CrashableFileSystem();
        fs.createDirectories(DIR);
    }

    // ---------------------------------------------------------------- file contents

    @Test
    void unsyncedAppendsAreLostOnCrash() throws IOException {
        Path f = DIR.resolve("000001.log");
        try (WritableFile w = fs.create(f)) {
            fs.syncDirectory(DIR);
            w.append(bytes("hello"));
        }
        fs.crash();
        assertThat(fs.exists(f)).isTrue();
        assertThat(fs.size(f)).isZero();
    }

    @Test
    void aPreallocatedFileComesBackAsSyncedOrPageByPageAsWritten() throws IOException {
        Path f = DIR.resolve("000001.log");
        int page = CrashableFileSystem.PAGE;
        byte[] first = new byte[page + 100];
        byte[] second = new byte[3 * page];
        java.util.Arrays.fill(first, (byte) 1);
        java.util.Arrays.fill(second, (byte) 2);
        WritableFile w = fs.createPreallocated(f, true);
        fs.syncDirectory(DIR);
        w.append(first);
        w.sync();
        w.append(second);
        assertThat(w.size()).isEqualTo(first.length + second.length);
        assertThat(fs.size(f)).as("grown by a zero-filled region").isEqualTo(PreallocatedWritableFile.REGION_BYTES);
        // without a writeback order: the synced image, the region's zeros after it
        byte[] synced = readBytes(fs.crashClone(), f);
        assertThat(synced).hasSize(PreallocatedWritableFile.REGION_BYTES);
        for (int i = 0; i < synced.length; i++) {
            assertThat(synced[i]).as("byte %d", i).isEqualTo(i < first.length ? (byte) 1 : 0);
        }
        // with one: each page since the sync either as written or as synced, never anything else
        java.util.Random writeback = new java.util.Random(3);
        java.util.Set<String> outcomes = new java.util.HashSet<>();
        for (int run = 0; run < 40; run++) {
            byte[] after = readBytes(fs.crashClone(writeback), f);
            StringBuilder pages = new StringBuilder();
            for (int p = 1; p < 5; p++) { // pages 1-4 hold the unsynced append
                int start = p * page;
                boolean written = after[Math.max(start, first.length)] == 2;
                for (int i = start; i < start + page; i++) {
                    byte asWritten = i < first.length ? (byte) 1 : i < first.length + second.length ? (byte) 2 : 0;
                    byte asSynced = i < first.length ? (byte) 1 : 0;
                    assertThat(after[i]).as("run %d byte %d: the whole page as %s", run, i, written ? "written" : "synced")
                            .isEqualTo(written ? asWritten : asSynced);
                }
                pages.append(written ? 'w' : 's');
            }
            outcomes.add(pages.toString());
        }
        assertThat(outcomes).as("pages come back in different combinations").hasSizeGreaterThan(3);
        w.close();
        assertThat(fs.size(f)).as("closing truncates the zeros").isEqualTo(first.length + second.length);
    }

    private static byte[] readBytes(Vfs fs, Path f) throws IOException {
        try (ReadableFile r = fs.openReadable(f)) {
            byte[] buf = new byte[(int) r.size()];
            r.readFully(0, buf, 0, buf.length);
            return buf;
        }
    }

    @Test
    void syncedAppendsSurviveCrash() throws IOException {
        Path f = DIR.resolve("000001.log");
        writeSynced(f, "hello");
        fs.syncDirectory(DIR);
        fs.crash();
        assertThat(read(f)).isEqualTo("hello");
    }

    @Test
    void partiallySyncedFileKeepsOnlyTheSyncedPrefix() throws IOException {
        Path f = DIR.resolve("000001.log");
        try (WritableFile w = fs.create(f)) {
            w.append(bytes("0123456789"));
            w.sync();
            w.append(bytes("abcde"));
            assertThat(w.size()).isEqualTo(15);
        }
        fs.syncDirectory(DIR);
        assertThat(fs.size(f)).isEqualTo(15);
        fs.crash();
        assertThat(read(f)).isEqualTo("0123456789");
    }

    // ---------------------------------------------------------------- directory entries

    @Test
    void createdFileWithoutDirSyncVanishesOnCrash() throws IOException {
        Path f = DIR.resolve("000001.sst");
        writeSynced(f, "data");
        fs.crash();
        assertThat(fs.exists(f)).isFalse();
        assertThat(fs.list(DIR)).isEmpty();
    }

    @Test
    void createdFileWithDirSyncSurvivesButEmptyIfNeverSynced() throws IOException {
        Path f = DIR.resolve("000001.sst");
        try (WritableFile w = fs.create(f)) {
            w.append(bytes("data"));
        }
        fs.syncDirectory(DIR);
        fs.crash();
        assertThat(fs.list(DIR)).containsExactly("000001.sst");
        assertThat(fs.size(f)).isZero();
    }

    @Test
    void renameWithoutDirSyncIsUndoneOnCrash() throws IOException {
        Path tmp = DIR.resolve("CURRENT.tmp");
        Path current = DIR.resolve("CURRENT");
        writeSynced(tmp, "MANIFEST-000001");
        fs.syncDirectory(DIR);
        fs.rename(tmp, current);
        assertThat(fs.list(DIR)).containsExactly("CURRENT");
        fs.crash();
        assertThat(fs.list(DIR)).containsExactly("CURRENT.tmp");
        assertThat(read(tmp)).isEqualTo("MANIFEST-000001");
    }

    @Test
    void renameWithDirSyncSurvivesCrashAndReplacesTarget() throws IOException {
        Path tmp = DIR.resolve("CURRENT.tmp");
        Path current = DIR.resolve("CURRENT");
        writeSynced(current, "MANIFEST-000001");
        writeSynced(tmp, "MANIFEST-000002");
        fs.syncDirectory(DIR);
        fs.rename(tmp, current);
        fs.syncDirectory(DIR);
        fs.crash();
        assertThat(fs.list(DIR)).containsExactly("CURRENT");
        assertThat(read(current)).isEqualTo("MANIFEST-000002");
    }

    @Test
    void deleteWithoutDirSyncIsUndoneOnCrash() throws IOException {
        Path f = DIR.resolve("000001.sst");
        writeSynced(f, "data");
        fs.syncDirectory(DIR);
        fs.delete(f);
        assertThat(fs.exists(f)).isFalse();
        fs.crash();
        assertThat(read(f)).isEqualTo("data");
    }

    @Test
    void deleteWithDirSyncSurvivesCrash() throws IOException {
        Path f = DIR.resolve("000001.sst");
        writeSynced(f, "data");
        fs.syncDirectory(DIR);
        fs.delete(f);
        fs.syncDirectory(DIR);
        fs.crash();
        assertThat(fs.exists(f)).isFalse();
    }

    @Test
    void recreatingUnsyncedNameRestoresOldContentsOnCrash() throws IOException {
        Path f = DIR.resolve("LOG");
        writeSynced(f, "old");
        fs.syncDirectory(DIR);
        writeSynced(f, "new");
        assertThat(read(f)).isEqualTo("new");
        fs.crash();
        assertThat(read(f)).isEqualTo("old");
    }

    // ---------------------------------------------------------------- handles, clones, locks

    @Test
    void handlesOpenedBeforeCrashAreDead() throws IOException {
        Path f = DIR.resolve("000001.log");
        writeSynced(f, "hello");
        fs.syncDirectory(DIR);
        WritableFile w = fs.create(DIR.resolve("000002.log"));
        ReadableFile r = fs.openReadable(f);
        fs.crash();
        assertThatThrownBy(() -> w.append(bytes("x"))).isInstanceOf(IOException.class)
                .hasMessageContaining("file system crashed");
        assertThatThrownBy(w::sync).hasMessageContaining("file system crashed");
        assertThatThrownBy(() -> r.readFully(0, new byte[1], 0, 1)).hasMessageContaining("file system crashed");
        w.close();
        r.close();
        assertThat(read(f)).isEqualTo("hello");
    }

    @Test
    void crashCloneKeepsOnlySyncedStateAndLeavesOriginalAlone() throws IOException {
        Path f = DIR.resolve("000001.log");
        WritableFile w = fs.create(f);
        fs.syncDirectory(DIR);
        w.append(bytes("0123"));
        w.sync();
        w.append(bytes("4567"));
        CrashableFileSystem clone = fs.crashClone();
        w.append(bytes("89"));
        w.close();
        assertThat(read(clone, f)).isEqualTo("0123");
        assertThat(read(f)).isEqualTo("0123456789");
    }

    @Test
    void copyKeepsUnsyncedDataAndSyncedMarks() throws IOException {
        Path f = DIR.resolve("000001.log");
        try (WritableFile w = fs.create(f)) {
            fs.syncDirectory(DIR);
            w.append(bytes("ab"));
            w.sync();
            w.append(bytes("cd"));
        }
        CrashableFileSystem copy = fs.copy();
        assertThat(read(copy, f)).isEqualTo("abcd");
        copy.crash();
        assertThat(read(copy, f)).isEqualTo("ab");
        assertThat(read(f)).isEqualTo("abcd");
    }

    @Test
    void lockIsExclusiveUntilClosed() throws IOException {
        Path lockFile = DIR.resolve("LOCK");
        DirectoryLock first = fs.lock(lockFile);
        assertThat(fs.exists(lockFile)).isTrue();
        assertThatThrownBy(() -> fs.lock(lockFile)).isInstanceOf(IOException.class)
                .hasMessageContaining("already locked");
        first.close();
        fs.lock(lockFile).close();
    }

    @Test
    void locksVanishOnCrash() throws IOException {
        Path lockFile = DIR.resolve("LOCK");
        DirectoryLock stale = fs.lock(lockFile);
        fs.crash();
        DirectoryLock fresh = fs.lock(lockFile);
        stale.close();
        assertThatThrownBy(() -> fs.lock(lockFile)).hasMessageContaining("already locked");
        fresh.close();
    }

    // ---------------------------------------------------------------- reads and errors

    @Test
    void readFullyPastEndThrowsEof() throws IOException {
        Path f = DIR.resolve("000001.sst");
        writeSynced(f, "0123456789");
        try (ReadableFile r = fs.openReadable(f)) {
            assertThat(r.size()).isEqualTo(10);
            byte[] buf = new byte[4];
            r.readFully(6, buf, 0, 4);
            assertThat(new String(buf, StandardCharsets.UTF_8)).isEqualTo("6789");
            assertThatThrownBy(() -> r.readFully(7, buf, 0, 4)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void missingFilesAndParentsBehaveLikeNio() throws IOException {
        assertThatThrownBy(() -> fs.openReadable(DIR.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.create(Path.of("/missing/file"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.rename(DIR.resolve("a"), DIR.resolve("b"))).isInstanceOf(NoSuchFileException.class);
        fs.delete(DIR.resolve("nope"));
        assertThat(fs.exists(Path.of("/"))).isTrue();
    }

    @Test
    void usableSpaceIsSettable() {
        assertThat(fs.usableSpace(DIR)).isEqualTo(CrashableFileSystem.DEFAULT_USABLE_SPACE);
        fs.setUsableSpace(123);
        assertThat(fs.usableSpace(DIR)).isEqualTo(123);
    }

    @Test
    void pathsAreNormalized() throws IOException {
        writeSynced(DIR.resolve("sub/../000001.log"), "x");
        assertThat(fs.list(Path.of("/db/."))).containsExactly("000001.log");
    }

    // ---------------------------------------------------------------- helpers

    private void writeSynced(Path f, String s) throws IOException {
        try (WritableFile w = fs.create(f)) {
            w.append(bytes(s));
            w.sync();
        }
    }

    private String read(Path f) throws IOException {
        return read(fs, f);
    }

    private static String read(Vfs fs, Path f) throws IOException {
        try (ReadableFile r = fs.openReadable(f)) {
            byte[] buf = new byte[(int) r.size()];
            r.readFully(0, buf, 0, buf.length);
            return new String(buf, StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
