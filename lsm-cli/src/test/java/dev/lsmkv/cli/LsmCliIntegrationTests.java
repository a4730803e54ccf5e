package dev.lsmkv.cli;

import static dev.lsmkv.cli.TestStore.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.sstable.TableLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a directory the engine wrote ({@link TestStore}), run in-process. */
class LsmCliIntegrationTests {

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void createStore() {
        dir = TestStore.create(tmp.resolve("db"));
    }

    // ---------------------------------------------------------------- stats

    @Test
    void stats_showsLevelsWalAndLiveData() {
        CliRun r = CliRun.of("stats", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("manifest MANIFEST-").containsPattern("L0 +1 +\\d+ +205 +1")
                .contains("wal: 1 live file(s)")
                // 200 keys + apple + long-ttl + date; banana and cherry deleted, old-ttl expired
                .contains("live data: 203 keys").containsPattern("space amplification: \\d+\\.\\d\\d")
                .contains("write amplification: not known");
        assertThat(r.err()).isEmpty();
    }

    // ---------------------------------------------------------------- get

    @Test
    void get_readsTablesAndWal() {
        assertThat(CliRun.of("get", dir.toString(), "apple").out()).isEqualTo("red\n");
        assertThat(CliRun.of("get", dir.toString(), "key0123").out()).isEqualTo("value-123\n");
        assertThat(CliRun.of("get", dir.toString(), "date").out()).isEqualTo("brown\n"); // WAL only
        assertThat(CliRun.of("get", dir.toString(), "long-ttl").out()).isEqualTo("kept\n");
    }

    @Test
    void get_deletedExpiredOrAbsentKeyExitsNotFound() {
        for (String key : List.of("banana", "cherry", "old-ttl", "nope")) {
            CliRun r = CliRun.of("get", dir.toString(), key);
            assertThat(r.exitCode()).as(key + ": " + r).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("not found: " + key);
        }
    }

    @Test
    void get_hexKeyAndValueFormats() {
        CliRun r = CliRun.of("get", dir.toString(), "6170706c65", "--key-format", "hex", "--value-format", "hex");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("726564\n"); // "red"
    }

    // ---------------------------------------------------------------- scan

    @Test
    void scan_listsLiveEntriesInKeyOrder() {
        CliRun r = CliRun.of("scan", dir.toString(), "--to", "key0002");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).containsExactly("apple = red", "date = brown", "key0000 = value-0",
                "key0001 = value-1");
        assertThat(r.err()).contains("4 entries");
    }

    @Test
    void scan_fromAndLimit_showTtlExpiry() {
        CliRun r = CliRun.of("scan", dir.toString(), "--from", "key0199", "--limit", "5");
        assertThat(r.out().lines()).containsExactly("key0199 = value-199",
                "long-ttl = kept  (expires 2119-12-08T00:00:00Z)");
    }

    // ---------------------------------------------------------------- verify

    @Test
    void verify_cleanDirectoryExitsZero() {
        CliRun r = CliRun.of("verify", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("checked 1 tables").contains("1 WAL files (2 records)").endsWith("OK\n");
    }

    @Test
    void verify_flippedByteInDataBlockExitsCorruptNamingFileAndOffset() throws IOException {
        Path table = TestStore.files(dir, ".sst").get(0);
        long blockOffset;
        try (TableLayout t = TableLayout.open(NioFileSystem.INSTANCE.openReadable(table), table)) {
            assertThat(t.index().size()).isGreaterThan(3);
            blockOffset = t.index().get(2).block().offset();
        }
        flipByte(table, blockOffset + 3);

        CliRun r = CliRun.of("verify", dir.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CORRUPT);
        assertThat(r.out()).contains("BAD " + table + " at offset " + blockOffset + ":")
                .contains("checksum mismatch").contains("CORRUPT: 1 problem");
        // the other blocks were still read
        assertThat(r.out()).containsPattern("checked 1 tables \\(\\d{2,} data blocks");
    }

    @Test
    void verify_truncatedTableExitsCorruptNamingFile() throws IOException {
        Path table = TestStore.files(dir, ".sst").get(0);
        try (FileChannel ch = FileChannel.open(table, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 10);
        }
        CliRun r = CliRun.of("verify", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CORRUPT);
        assertThat(r.out()).contains("BAD " + table).contains("the manifest says");
    }

    @Test
    void verify_damagedWalRecordExitsCorruptNamingWal() throws IOException {
        Path wal = TestStore.files(dir, ".log").get(0);
        flipByte(wal, 40); // inside the first batch record, with a valid record after it
        CliRun r = CliRun.of("verify", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CORRUPT);
        assertThat(r.out()).contains("BAD " + wal);
    }

    @Test
    void verify_missingLiveTableExitsCorruptNamingManifestAndTable() throws IOException {
        Path table = TestStore.files(dir, ".sst").get(0);
        Files.delete(table);
        CliRun r = CliRun.of("verify", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CORRUPT);
        assertThat(r.out()).contains("BAD " + dir.resolve("MANIFEST-")).contains(table.getFileName() + " in level 0")
                .contains("which files are live is unknown");
    }

    @Test
    void tornWalTail_isANoteNotCorruption() throws IOException {
        Path wal = TestStore.files(dir, ".log").get(0);
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3); // the last record (cherry's delete) cut short, as by a crash
        }
        CliRun verify = CliRun.of("verify", dir.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("note: " + wal.getFileName() + " ends in a torn record");

        CliRun dump = CliRun.of("dump-wal", wal.toString());
        assertThat(dump.out()).contains("date @207 PUT = brown").doesNotContain("cherry")
                .contains("end: torn record after offset");
        // as recovery would: the torn delete is lost, so cherry is back
        assertThat(CliRun.of("get", dir.toString(), "cherry").out()).isEqualTo("dark red\n");
    }

    // ---------------------------------------------------------------- dumps

    @Test
    void dumpTable_showsFooterIndexBlocksAndEntries() throws IOException {
        Path table = TestStore.files(dir, ".sst").get(0);
        CliRun r = CliRun.of("dump-table", table.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("format version 1").contains("footer: properties ")
                .contains("properties: entries 205, tombstones 1").contains("filter: bloom")
                .contains("index: ").containsPattern("data block #0 at 0\\+\\d+: (raw|LZ4)")
                .contains("apple @201 PUT = red").contains("banana @204 DELETE").contains("cherry @203 PUT = dark red")
                .contains("old-ttl @205 PUT_WITH_TTL expires 2020-01-01T01:00:00Z [expired] = gone")
                .contains("long-ttl @206 PUT_WITH_TTL expires 2119-12-08T00:00:00Z = kept");
    }

    @Test
    void dumpTable_truncatedFileIsOneLineCorruption() throws IOException {
        Path table = TestStore.files(dir, ".sst").get(0);
        try (FileChannel ch = FileChannel.open(table, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        CliRun r = CliRun.of("dump-table", table.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CORRUPT);
        assertThat(r.err()).startsWith("lsm-cli dump-table: corrupt: Corruption in " + table).doesNotContain("\tat ");
    }

    @Test
    void dumpWal_showsBatchesWithKindsAndSequences() {
        CliRun r = CliRun.of("dump-wal", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("format version 2").contains("record #0 ending at offset")
                .contains("date @207 PUT = brown").contains("cherry @208 DELETE").contains("end: clean, 2 records");
    }

    @Test
    void dumpManifest_showsEditsAndLiveTables() {
        CliRun r = CliRun.of("dump-manifest", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("CURRENT names MANIFEST-").contains("logNumber=")
                .containsPattern("add L0 \\d{6}\\.sst \\d+ bytes, 205 entries, 1 tombstones")
                .contains("live tables:").contains("keys apple @201 PUT .. old-ttl @205 PUT_WITH_TTL");
    }

    // ---------------------------------------------------------------- compact and checkpoint

    @Test
    void compact_rewritesTablesAndKeepsData() {
        CliRun r = CliRun.of("compact", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("compacted " + dir);
        try (LsmEngine db = LsmEngine.open(dir)) {
            assertThat(db.get(bytes("date"))).isEqualTo(bytes("brown"));
            assertThat(db.get(bytes("cherry"))).isNull();
            assertThat(db.get(bytes("key0150"))).isEqualTo(bytes("value-150"));
            assertThat(db.stats().levels().get(0).files()).isZero();
        }
        assertThat(CliRun.of("verify", dir.toString()).exitCode()).isZero();
    }

    @Test
    void checkpoint_writesAnOpenableCopy() {
        Path target = tmp.resolve("copy");
        CliRun r = CliRun.of("checkpoint", dir.toString(), target.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(CliRun.of("verify", target.toString()).exitCode()).isZero();
        try (LsmEngine db = LsmEngine.open(target)) {
            assertThat(db.get(bytes("date"))).isEqualTo(bytes("brown"));
            assertThat(db.get(bytes("apple"))).isEqualTo(bytes("red"));
            assertThat(db.get(bytes("banana"))).isNull();
        }
    }

    @Test
    void checkpoint_existingTargetIsUsageError() throws IOException {
        Path target = Files.createDirectory(tmp.resolve("exists"));
        CliRun r = CliRun.of("checkpoint", dir.toString(), target.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("exists");
    }

    // ---------------------------------------------------------------- locking

    @Test
    void lockedDirectory_writeCommandsAreRefused_readCommandsWarn() {
        try (LsmEngine running = LsmEngine.open(dir, TestStore.options())) {
            running.put(bytes("fresh"), bytes("in the running engine"));

            CliRun compact = CliRun.of("compact", dir.toString());
            assertThat(compact.exitCode()).as(compact.toString()).isEqualTo(ExitCodes.LOCKED);
            assertThat(compact.err()).contains("refusing to compact").contains("locked by a running engine")
                    .doesNotContain("\tat ");

            CliRun checkpoint = CliRun.of("checkpoint", dir.toString(), tmp.resolve("copy").toString());
            assertThat(checkpoint.exitCode()).isEqualTo(ExitCodes.LOCKED);
            assertThat(tmp.resolve("copy")).doesNotExist();

            CliRun stats = CliRun.of("stats", dir.toString());
            assertThat(stats.exitCode()).as(stats.toString()).isZero();
            assertThat(stats.err()).contains("warning: " + dir + " is locked").contains("newer writes");

            CliRun get = CliRun.of("get", dir.toString(), "apple");
            assertThat(get.exitCode()).isZero();
            assertThat(get.out()).isEqualTo("red\n");
            // a write that returned is in the running engine's WAL, which get replays
            assertThat(CliRun.of("get", dir.toString(), "fresh").out()).isEqualTo("in the running engine\n");
            assertThat(CliRun.of("verify", dir.toString()).exitCode()).isZero();
        }
    }

    @Test
    void readCommand_holdsTheLockSoNoEngineOpensMeanwhile_andReleasesIt() {
        assertThat(CliRun.of("stats", dir.toString()).exitCode()).isZero();
        try (LsmEngine db = LsmEngine.open(dir)) { // the lock was released
            assertThat(db.get(bytes("apple"))).isEqualTo(bytes("red"));
        }
    }

    // ---------------------------------------------------------------- usage

    @Test
    void usageErrors_exitTwoWithoutStackTrace() {
        assertThat(CliRun.of().exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun unknown = CliRun.of("stats", dir.toString(), "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'");

        CliRun notAStore = CliRun.of("stats", tmp.toString());
        assertThat(notAStore.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAStore.err()).contains("is not an lsmkv store").doesNotContain("\tat ");

        CliRun badHex = CliRun.of("get", dir.toString(), "xyz", "--key-format", "hex");
        assertThat(badHex.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badHex.err()).contains("is not hex");

        assertThat(CliRun.of("compact", tmp.resolve("missing").toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tmp.resolve("missing")).doesNotExist(); // compact never creates a store
    }

    @Test
    void help_listsEveryCommand() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("stats", "get", "scan", "verify", "dump-manifest", "dump-wal", "dump-table",
                "compact", "checkpoint", "Exit codes:");
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
            ch.write(b, offset);
        }
    }
}
