package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EngineOptions#walPreallocate()} and {@link EngineOptions#walMmapWrites()}: a WAL ends in
 * preallocated zeros while it is written (through a mapping on Linux when the store does not
 * fsync per write, with write calls under ALWAYS), a copy of the store taken while it is open
 * (what a crash of the process leaves) opens with every write, and a closed store's WAL holds
 * only its records. (A SIGKILL'd child JVM with preallocated WALs: {@link CrashIntegrationTests}.)
 */
class PreallocatedWalIntegrationTests {

    @TempDir
    Path dir;

    private static byte[] key(int i) {
        return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        return ("value-" + i + "-".repeat(i % 300)).getBytes(StandardCharsets.UTF_8);
    }

    private static Path onlyWal(Path store) throws Exception {
        try (Stream<Path> files = Files.list(store)) {
            List<Path> wals = files.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
            assertThat(wals).hasSize(1);
            return wals.get(0);
        }
    }

    /** The format version in a WAL's header record (after the record header and the magic). */
    private static int formatVersion(byte[] wal) {
        return dev.lsmkv.engine.util.Coding.getFixed32(wal, 7 + 8);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SyncMode.class, names = {"NONE", "ALWAYS"})
    void aCopyOfTheOpenStoreHasEveryWriteAndTheClosedWalNoZeroes(SyncMode mode) throws Exception {
        Path store = dir.resolve("store");
        Path copy = dir.resolve("copy");
        EngineOptions options = EngineOptions.builder().syncMode(mode).build();
        assertThat(options.walMmapWrites()).as("the default").isTrue();
        assertThat(options.walPreallocate()).as("the default").isTrue();
        int n = mode == SyncMode.ALWAYS ? 5_000 : 20_000; // 1-4 MiB of WAL: one or more regions, no memtable switch
        try (LsmEngine db = LsmEngine.open(store, options)) {
            for (int i = 0; i < n; i++) {
                db.put(key(i), value(i));
            }
            db.delete(key(7));
            Path wal = onlyWal(store);
            assertThat(Files.size(wal) % (1 << 20)).as("the WAL grows by whole preallocated regions").isZero();
            assertThat(formatVersion(Files.readAllBytes(wal))).isEqualTo(2);
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(store)) {
                for (Path f : files.toList()) {
                    if (!f.getFileName().toString().equals("LOCK")) {
                        Files.copy(f, copy.resolve(f.getFileName()));
                    }
                }
            }
        }
        try (LsmEngine db = LsmEngine.open(copy, options)) {
            for (int i = 0; i < n; i++) {
                assertThat(db.get(key(i))).as("key %d", i).isEqualTo(i == 7 ? null : value(i));
            }
        }
        try (LsmEngine db = LsmEngine.open(store, options)) {
            assertThat(db.get(key(n - 1))).isEqualTo(value(n - 1));
            db.put(key(n), value(n));
        }
        // closed: the WAL is truncated to its records, so its last byte is not a preallocated zero
        byte[] wal = Files.readAllBytes(onlyWal(store));
        assertThat(wal.length).isPositive();
        assertThat(wal[wal.length - 1]).isNotZero();
    }

    @Test
    void withoutEitherOptionTheWalIsAppendedToAsFormatVersion1() throws Exception {
        for (EngineOptions options : List.of(
                EngineOptions.builder().syncMode(SyncMode.NONE).walMmapWrites(false).walPreallocate(false).build(),
                EngineOptions.builder().syncMode(SyncMode.ALWAYS).walPreallocate(false).build())) {
            Path store = dir.resolve(options.syncMode().name());
            try (LsmEngine db = LsmEngine.open(store, options)) {
                for (int i = 0; i < 100; i++) {
                    db.put(key(i), value(i));
                }
                Path wal = onlyWal(store);
                byte[] bytes = Files.readAllBytes(wal);
                assertThat(bytes[bytes.length - 1]).as("%s: no preallocated zeros", options).isNotZero();
                assertThat(Files.size(wal)).isLessThan(1 << 20);
                assertThat(formatVersion(bytes)).isEqualTo(1);
            }
        }
    }

    @Test
    void periodicSyncsRunBesideMappedAppendsAcrossMemtableSwitches() throws Exception {
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.PERIODIC)
                .syncInterval(java.time.Duration.ofMillis(1)).memtableSizeBytes(256 * 1024).build();
        int n = 30_000;
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            for (int i = 0; i < n; i++) {
                db.put(key(i), value(i));
            }
            assertThat(db.stats().flushes()).as("memtable switches, each starting a new mapped WAL").isPositive();
            assertThat(db.stats().walSyncs()).as("periodic syncs of the mapped WALs").isPositive();
        }
        try (LsmEngine db = LsmEngine.open(dir, options)) {
            for (int i = 0; i < n; i += 7) {
                assertThat(db.get(key(i))).as("key %d", i).isEqualTo(value(i));
            }
        }
    }
}
