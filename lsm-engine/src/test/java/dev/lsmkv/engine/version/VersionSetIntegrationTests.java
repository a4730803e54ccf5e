package dev.lsmkv.engine.version;

import static dev.lsmkv.engine.version.TestFiles.ikey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.FileNames;
import dev.lsmkv.engine.fs.ForwardingFileSystem;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionSetIntegrationTests {

    private static final long LARGE = 1 << 20;

    @TempDir
    Path dir;

    /**
     * A table's metadata, with an (empty) file of that number in the directory: recovery checks
     * that every table the manifest names exists.
     */
    private FileMetaData file(long number, String smallest, String largest) {
        try {
            Files.write(FileNames.tableFile(dir, number), new byte[0]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return TestFiles.file(number, smallest, largest);
    }

    /** An (empty) WAL of that number: recovery checks that the log number's WAL exists. */
    private long log(long number) throws IOException {
        Files.write(FileNames.walFile(dir, number), new byte[0]);
        return number;
    }

    private VersionSet created(long maxManifest) throws IOException {
        VersionSet vs = new VersionSet(dir, NioFileSystem.INSTANCE, maxManifest);
        vs.create();
        return vs;
    }

    private VersionSet recovered() throws IOException {
        VersionSet vs = new VersionSet(dir, NioFileSystem.INSTANCE, LARGE);
        vs.recover();
        return vs;
    }

    private static List<Long> numbers(Version v, int level) {
        return v.files(level).stream().map(FileMetaData::number).toList();
    }

    private String current() throws IOException {
        return Files.readString(FileNames.currentFile(dir), StandardCharsets.US_ASCII);
    }

    // ---- create and recover ----

    @Test
    void createWritesManifestOneAndCurrentNamingIt() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            assertThat(vs.exists()).isTrue();
            assertThat(vs.manifestFileNumber()).isEqualTo(1);
            assertThat(vs.nextFileNumber()).isEqualTo(2);
            assertThat(current()).isEqualTo("MANIFEST-000001\n");
            assertThat(Files.exists(FileNames.manifestFile(dir, 1))).isTrue();
            assertThat(Files.exists(FileNames.tempFile(dir, 1))).isFalse();
        }
    }

    @Test
    void existsIsFalseForAnEmptyDirectory() {
        assertThat(new VersionSet(dir, NioFileSystem.INSTANCE, LARGE).exists()).isFalse();
    }

    @Test
    void recoverRestoresFilesAcrossLevelsAndEveryCounter() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            long a = vs.newFileNumber();
            long b = vs.newFileNumber();
            long c = vs.newFileNumber();
            long log = log(vs.newFileNumber());
            vs.setLastSequence(500);
            vs.logAndApply(new VersionEdit().addFile(0, file(a, "a", "m")).addFile(0, file(b, "c", "z")).setLogNumber(log));
            vs.setLastSequence(900);
            vs.logAndApply(new VersionEdit().deleteFile(0, a).deleteFile(0, b)
                    .addFile(1, file(c, "a", "z")).setCompactPointer(1, ikey("q", 3)));
            long d = vs.newFileNumber();
            vs.logAndApply(new VersionEdit().addFile(6, file(d, "b", "b")));
        }
        try (VersionSet vs = recovered()) {
            Version v = vs.current();
            assertThat(numbers(v, 0)).isEmpty();
            assertThat(numbers(v, 1)).containsExactly(4L);
            assertThat(numbers(v, 6)).containsExactly(6L);
            assertThat(v.files(1).get(0)).isEqualTo(file(4, "a", "z"));
            assertThat(vs.lastSequence()).isEqualTo(900);
            assertThat(vs.logNumber()).isEqualTo(5);
            assertThat(vs.compactPointer(1)).isEqualTo(ikey("q", 3));
            assertThat(vs.compactPointer(2)).isNull();
            // 7 was recorded as next; nothing is written until the first edit.
            assertThat(vs.manifestFileNumber()).isEqualTo(1);
            assertThat(vs.newFileNumber()).isEqualTo(7);
        }
    }

    @Test
    void recoverStartsANewManifestAtTheFirstEditAndDeletesTheOldOne() throws IOException {
        created(LARGE).close();
        try (VersionSet vs = recovered()) {
            assertThat(vs.manifestFileNumber()).as("recover alone writes nothing").isEqualTo(1);
            assertThat(current()).isEqualTo("MANIFEST-000001\n");
            vs.logAndApply(new VersionEdit());
            assertThat(vs.manifestFileNumber()).isEqualTo(2);
            assertThat(current()).isEqualTo("MANIFEST-000002\n");
            assertThat(Files.exists(FileNames.manifestFile(dir, 1))).isFalse();
        }
    }

    @Test
    void recoverTwiceInARowKeepsTheState() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            vs.logAndApply(new VersionEdit().addFile(2, file(vs.newFileNumber(), "k", "l")));
        }
        recovered().close();
        try (VersionSet vs = recovered()) {
            assertThat(numbers(vs.current(), 2)).containsExactly(2L);
        }
    }

    @Test
    void logAndApplyBeforeCreateFails() {
        VersionSet vs = new VersionSet(dir, NioFileSystem.INSTANCE, LARGE);
        assertThatThrownBy(() -> vs.logAndApply(new VersionEdit())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createOverAnExistingStoreFails() throws IOException {
        created(LARGE).close();
        assertThatThrownBy(() -> created(LARGE)).isInstanceOf(IllegalStateException.class);
    }

    // ---- rollover ----

    @Test
    void manifestRolloverPastATinyMaximumKeepsAllState() throws IOException {
        long firstManifest;
        try (VersionSet vs = created(200)) {
            firstManifest = vs.manifestFileNumber();
            for (int i = 0; i < 20; i++) {
                long n = vs.newFileNumber();
                String k = String.format("k%03d", i);
                vs.setLastSequence(i * 10L);
                vs.logAndApply(new VersionEdit().addFile(1, file(n, k, k)));
            }
            assertThat(vs.manifestFileNumber()).isGreaterThan(firstManifest);
            assertThat(current()).isEqualTo(FileNames.manifestName(vs.manifestFileNumber()) + "\n");
            assertThat(vs.current().numFiles(1)).isEqualTo(20);
        }
        try (VersionSet vs = recovered()) {
            assertThat(vs.current().numFiles(1)).isEqualTo(20);
            assertThat(vs.lastSequence()).isEqualTo(190);
        }
        long manifests = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).count();
        assertThat(manifests).isEqualTo(1);
    }

    // ---- damaged files ----

    @Test
    void currentNamingAMissingManifestIsCorruptionNamingCurrent() throws IOException {
        created(LARGE).close();
        Files.writeString(FileNames.currentFile(dir), "MANIFEST-000099\n");
        assertThatThrownBy(this::recovered).isInstanceOfSatisfying(CorruptionException.class,
                e -> {
                    assertThat(e.file()).isEqualTo(FileNames.currentFile(dir).toString());
                    assertThat(e.getMessage()).contains("MANIFEST-000099");
                });
    }

    @Test
    void currentWithoutNewlineIsCorruptionNamingCurrent() throws IOException {
        created(LARGE).close();
        Files.writeString(FileNames.currentFile(dir), "MANIFEST-000001");
        assertThatThrownBy(this::recovered).isInstanceOfSatisfying(CorruptionException.class,
                e -> assertThat(e.file()).isEqualTo(FileNames.currentFile(dir).toString()));
    }

    @Test
    void currentNamingSomethingElseIsCorruptionNamingCurrent() throws IOException {
        created(LARGE).close();
        Files.writeString(FileNames.currentFile(dir), "000001.sst\n");
        assertThatThrownBy(this::recovered).isInstanceOfSatisfying(CorruptionException.class,
                e -> assertThat(e.file()).isEqualTo(FileNames.currentFile(dir).toString()));
    }

    @Test
    void flippedByteInTheMiddleOfTheManifestIsCorruptionNamingIt() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "first", "first")));
            vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "middle-key-xyz", "middle-key-xyz")));
            vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "zzz-last", "zzz-last")));
        }
        Path manifest = FileNames.manifestFile(dir, 1);
        byte[] bytes = Files.readAllBytes(manifest);
        int at = indexOf(bytes, "middle-key-xyz".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        bytes[at + 3] ^= 0x40;
        Files.write(manifest, bytes);
        assertThatThrownBy(this::recovered).isInstanceOfSatisfying(CorruptionException.class,
                e -> assertThat(e.file()).isEqualTo(manifest.toString()));
        assertThat(current()).isEqualTo("MANIFEST-000001\n");
    }

    @Test
    void tornLastRecordIsTheEndOfTheManifest() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "a", "b")));
            vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "c", "d")));
        }
        Path manifest = FileNames.manifestFile(dir, 1);
        byte[] bytes = Files.readAllBytes(manifest);
        Files.write(manifest, Arrays.copyOf(bytes, bytes.length - 5));
        try (VersionSet vs = recovered()) {
            assertThat(numbers(vs.current(), 1)).containsExactly(2L);
        }
    }

    @Test
    void manifestDeletingAMissingFileIsCorruptionNamingIt() throws IOException {
        Path manifest = writeManifestByHand(new VersionEdit().setLogNumber(0).setNextFileNumber(10).setLastSequence(0),
                new VersionEdit().deleteFile(1, 7));
        assertThatThrownBy(this::recovered).isInstanceOfSatisfying(CorruptionException.class, e -> {
            assertThat(e.file()).isEqualTo(manifest.toString());
            assertThat(e.getMessage()).contains("deletes file 7");
        });
    }

    @Test
    void manifestAddingAFileTwiceIsCorruptionNamingIt() throws IOException {
        Path manifest = writeManifestByHand(
                new VersionEdit().setLogNumber(0).setNextFileNumber(10).setLastSequence(0).addFile(1, file(3, "a", "b")),
                new VersionEdit().addFile(2, file(3, "a", "b")));
        assertThatThrownBy(this::recovered).isInstanceOfSatisfying(CorruptionException.class,
                e -> assertThat(e.file()).isEqualTo(manifest.toString()));
    }

    @Test
    void manifestWithoutCountersIsCorruptionNamingIt() throws IOException {
        Path manifest = writeManifestByHand(new VersionEdit().addFile(1, file(3, "a", "b")));
        assertThatThrownBy(this::recovered).isInstanceOfSatisfying(CorruptionException.class,
                e -> assertThat(e.file()).isEqualTo(manifest.toString()));
    }

    @Test
    void recoverNeverHandsOutANumberAboveTheRecordedNextWhenFilesSayOtherwise() throws IOException {
        // A hand-written manifest whose next-file number is stale: files and log go past it.
        writeManifestByHand(new VersionEdit().setLogNumber(log(20)).setNextFileNumber(4).setLastSequence(0)
                .addFile(1, file(30, "a", "b")));
        try (VersionSet vs = recovered()) {
            assertThat(vs.newFileNumber()).isEqualTo(31);
            vs.logAndApply(new VersionEdit());
            assertThat(vs.manifestFileNumber()).isEqualTo(32);
        }
    }

    // ---- liveness and edits that do not apply ----

    @Test
    void liveFileNumbersKeepFilesOfARefdOldVersionUntilItIsUnrefd() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            vs.logAndApply(new VersionEdit().addFile(0, file(2, "a", "b")).addFile(0, file(3, "c", "d")));
            Version old = vs.refCurrent();
            vs.logAndApply(new VersionEdit().deleteFile(0, 2).deleteFile(0, 3).addFile(1, file(4, "a", "d")));
            assertThat(vs.liveFileNumbers()).containsExactlyInAnyOrder(2L, 3L, 4L);
            old.unref();
            assertThat(vs.liveFileNumbers()).containsExactly(4L);
            assertThat(old.isReleased()).isTrue();
        }
    }

    @Test
    void logAndApplyRejectsAnEditThatDoesNotApplyAndWritesNothing() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            long sizeBefore = Files.size(FileNames.manifestFile(dir, 1));
            Version before = vs.current();
            assertThatThrownBy(() -> vs.logAndApply(new VersionEdit().deleteFile(3, 99)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deletes file 99");
            assertThat(vs.current()).isSameAs(before);
            assertThat(Files.size(FileNames.manifestFile(dir, 1))).isEqualTo(sizeBefore);
        }
    }

    @Test
    void logAndApplyRejectsALogNumberGoingBack() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            vs.logAndApply(new VersionEdit().setLogNumber(vs.newFileNumber()));
            assertThatThrownBy(() -> vs.logAndApply(new VersionEdit().setLogNumber(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void failedSyncLeavesTheVersionUnchangedAndTheNextEditRollsTheManifest() throws IOException {
        FailingFileSystem fs = new FailingFileSystem();
        try (VersionSet vs = new VersionSet(dir, fs, LARGE)) {
            vs.create();
            fs.failSyncs = true;
            assertThatThrownBy(() -> vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "a", "b"))))
                    .isInstanceOf(IOException.class);
            assertThat(vs.current().numFiles(1)).isZero();
            assertThat(vs.manifestFileNumber()).isEqualTo(1);
            fs.failSyncs = false;
            vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "c", "d")));
            assertThat(vs.manifestFileNumber()).isGreaterThan(1);
        }
        try (VersionSet vs = recovered()) {
            assertThat(numbers(vs.current(), 1)).containsExactly(3L);
        }
    }

    // ---- helpers ----

    private Path writeManifestByHand(VersionEdit... edits) throws IOException {
        Path manifest = FileNames.manifestFile(dir, 1);
        try (LogWriter w = new LogWriter(NioFileSystem.INSTANCE.create(manifest), manifest, LogFormat.MANIFEST_MAGIC)) {
            for (VersionEdit e : edits) {
                w.addRecord(e.encode());
            }
            w.flush();
            w.sync();
        }
        Files.writeString(FileNames.currentFile(dir), "MANIFEST-000001\n");
        return manifest;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** NIO, except that file syncs fail while {@link #failSyncs} is set. */
    /** Fails every fsync of a file while {@link #failSyncs} is set. */
    private static final class FailingFileSystem extends ForwardingFileSystem {
        volatile boolean failSyncs;

        FailingFileSystem() {
            super(NioFileSystem.INSTANCE);
        }

        @Override
        protected WritableFile writable(Path path, WritableFile file) {
            return new ForwardingWritableFile(file) {
                @Override
                public void sync() throws IOException {
                    if (failSyncs) {
                        throw new IOException("injected sync failure on " + path);
                    }
                    super.sync();
                }
            };
        }
    }

    @Test
    void recoverRefusesAManifestNamingAMissingTableAndTouchesNothing() throws IOException {
        try (VersionSet vs = created(LARGE)) {
            vs.logAndApply(new VersionEdit().addFile(1, file(vs.newFileNumber(), "a", "b")));
        }
        long number;
        try (VersionSet vs = recovered()) {
            number = vs.liveFileNumbers().iterator().next();
        }
        Files.delete(FileNames.tableFile(dir, number));
        List<String> before = names();
        assertThatThrownBy(this::recovered).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("MANIFEST-").hasMessageContaining(FileNames.tableFile(dir, number).getFileName() + "")
                .hasMessageContaining("missing");
        assertThat(names()).isEqualTo(before);
    }

    @Test
    void recoverRefusesAManifestWhoseLogNumberNamesAMissingWal() throws IOException {
        long wal;
        try (VersionSet vs = created(LARGE)) {
            wal = log(vs.newFileNumber());
            vs.logAndApply(new VersionEdit().setLogNumber(wal));
        }
        recovered().close();
        Files.delete(FileNames.walFile(dir, wal));
        assertThatThrownBy(this::recovered).isInstanceOf(CorruptionException.class)
                .hasMessageContaining(FileNames.walFile(dir, wal).getFileName() + "");
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
