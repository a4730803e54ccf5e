package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged files on disk: a flipped byte is a {@link CorruptionException} naming the file, never
 * data; a torn WAL tail is recovered up to the last whole record; the damaged file is left as
 * it was, so restoring it makes the directory open as before.
 */
class CorruptionIntegrationTests {

    @TempDir
    Path dir;

    private static final EngineOptions OPTIONS = EngineOptions.builder().syncMode(SyncMode.NONE)
            .compression(Compression.NONE).blockCacheSizeBytes(0).build();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void writeKeys(LsmEngine db, int n) {
        for (int i = 0; i < n; i++) {
            db.put(b(String.format("key%05d", i)), b("value-" + i));
        }
    }

    private List<Path> files(String suffixOrPrefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffixOrPrefix)
                    || p.getFileName().toString().startsWith(suffixOrPrefix)).sorted().toList();
        }
    }

    private static void flip(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x40);
        }
    }

    /** Read with positional reads and through a memory mapping ({@link EngineOptions#mmapReads()}) alike. */
    @ParameterizedTest(name = "mmapReads={0}")
    @ValueSource(booleans = {false, true})
    void flippedByteInSstableDataBlockIsCorruptionNamingTheFile(boolean mmapReads) throws Exception {
        EngineOptions options = OPTIONS.toBuilder().mmapReads(mmapReads).build();
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            writeKeys(db, 2000);
            db.flush();
        }
        Path sst = files(".sst").get(0);
        byte[] original = Files.readAllBytes(sst);
        flip(sst, 100); // inside the first data block
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            assertThatThrownBy(() -> db.get(b("key00001")))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(sst.getFileName().toString());
            assertThatThrownBy(() -> {
                try (Cursor c = db.scan(null, null)) {
                    while (c.next()) {
                        c.value();
                    }
                }
            }).isInstanceOf(CorruptionException.class);
            assertThat(db.get(b("key01999"))).as("other blocks still read").isEqualTo(b("value-1999"));
        }
        assertThat(Files.readAllBytes(sst)).as("damaged file left untouched")
                .isNotEqualTo(original).hasSameSizeAs(original);
        Files.write(sst, original); // "restored from a backup"
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            assertThat(db.get(b("key00001"))).isEqualTo(b("value-1"));
        }
    }

    @Test
    void flippedByteInSstableFooterIsCorruptionAtOpenOrRead() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            writeKeys(db, 100);
            db.flush();
        }
        Path sst = files(".sst").get(0);
        flip(sst, Files.size(sst) - 12);
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            assertThatThrownBy(() -> db.get(b("key00001")))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(sst.getFileName().toString());
        }
    }

    @Test
    void flippedByteInManifestIsCorruptionNamingTheManifest() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            for (int round = 0; round < 4; round++) {
                writeKeys(db, 50);
                db.flush();
            }
        }
        Path manifest = files("MANIFEST-").get(0);
        byte[] original = Files.readAllBytes(manifest);
        flip(manifest, 40); // in the first edit after the 19-byte header record; later records follow
        assertThatThrownBy(() -> LsmEngine.open(dir, OPTIONS))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(manifest.getFileName().toString());
        assertThat(Files.readAllBytes(manifest)).hasSameSizeAs(original);
        Files.write(manifest, original);
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            assertThat(db.get(b("key00001"))).isEqualTo(b("value-1"));
        }
    }

    @Test
    void tornWalTailRecoversEverythingBeforeIt() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            writeKeys(db, 100);
        }
        Path wal = files(".log").get(files(".log").size() - 1);
        long size = Files.size(wal);
        try (RandomAccessFile raf = new RandomAccessFile(wal.toFile(), "rw")) {
            raf.setLength(size - 3); // cut into the last record
        }
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            for (int i = 0; i < 99; i++) {
                assertThat(db.get(b(String.format("key%05d", i)))).isEqualTo(b("value-" + i));
            }
            assertThat(db.get(b("key00099"))).isNull();
        }
    }

    @Test
    void flippedByteInTheMiddleOfTheWalIsCorruption() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            writeKeys(db, 100);
        }
        Path wal = files(".log").get(files(".log").size() - 1);
        flip(wal, 40);
        assertThatThrownBy(() -> LsmEngine.open(dir, OPTIONS))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(wal.getFileName().toString());
    }

    @Test
    void missingCurrentWithOtherFilesIsRefused() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, OPTIONS)) {
            writeKeys(db, 10);
            db.flush();
        }
        Files.delete(dir.resolve("CURRENT"));
        assertThatThrownBy(() -> LsmEngine.open(dir, OPTIONS))
                .isInstanceOf(LsmException.class)
                .hasMessageContaining("CURRENT");
    }
}
