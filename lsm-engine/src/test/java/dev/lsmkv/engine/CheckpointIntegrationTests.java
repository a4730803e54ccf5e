package dev.lsmkv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LsmEngine#checkpoint}: a consistent, openable copy made while writes go on. */
class CheckpointIntegrationTests {

    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static EngineOptions small() {
        return EngineOptions.builder().memtableSizeBytes(64 * 1024).targetFileSizeBytes(32 * 1024)
                .level1MaxBytes(128 * 1024).syncMode(SyncMode.NONE).build();
    }

    @Test
    void copyHoldsTheStoreAsOfTheCallAndNothingLater() {
        Path copy = tmp.resolve("backups/one");
        try (LsmEngine db = LsmEngine.open(tmp.resolve("db"), small())) {
            for (int i = 0; i < 2_000; i++) {
                db.put(b("k" + i), b("v" + i));
            }
            db.flush();
            for (int i = 0; i < 2_000; i += 2) {
                db.delete(b("k" + i)); // some deletes live only in the memtable
            }
            db.put(b("fresh"), b("in the memtable"));
            db.put(b("expiring"), b("x"), Duration.ofDays(1));
            db.checkpoint(copy);
            db.put(b("after"), b("not in the copy"));
            db.delete(b("k1"));
        }
        try (LsmEngine restored = LsmEngine.open(copy, small())) {
            assertThat(restored.get(b("fresh"))).isEqualTo(b("in the memtable"));
            assertThat(restored.get(b("expiring"))).isEqualTo(b("x"));
            assertThat(restored.get(b("after"))).isNull();
            assertThat(restored.get(b("k1"))).isEqualTo(b("v1"));
            assertThat(restored.get(b("k0"))).isNull();
            int n = 0;
            try (Cursor c = restored.scan(b("k"), b("l"))) {
                while (c.next()) {
                    n++;
                }
            }
            assertThat(n).isEqualTo(1_000);
            restored.put(b("restored"), b("writable")); // a store of its own
        }
    }

    @Test
    void tablesAreHardLinkedAndSurviveTheOriginalsDeletion() throws Exception {
        Path db = tmp.resolve("db");
        Path copy = tmp.resolve("copy");
        try (LsmEngine engine = LsmEngine.open(db, small())) {
            for (int i = 0; i < 5_000; i++) {
                engine.put(b(String.format(java.util.Locale.ROOT, "key%06d", i)), new byte[40]);
            }
            engine.checkpoint(copy);
            List<Path> tables = tables(copy);
            assertThat(tables).isNotEmpty();
            for (Path t : tables) {
                assertThat(Files.isSameFile(t, db.resolve(t.getFileName()))).as("%s is a hard link", t).isTrue();
            }
            for (int i = 0; i < 5_000; i++) {
                engine.delete(b(String.format(java.util.Locale.ROOT, "key%06d", i)));
            }
            engine.compact(); // the original's tables are rewritten and deleted
        }
        try (LsmEngine restored = LsmEngine.open(copy, small())) {
            assertThat(restored.get(b("key000000"))).hasSize(40);
            assertThat(restored.get(b("key004999"))).hasSize(40);
        }
    }

    @Test
    void everyAcknowledgedWriteIsInACheckpointTakenUnderALiveWriter() throws Exception {
        Path copy = tmp.resolve("copy");
        AtomicLong acknowledged = new AtomicLong(-1);
        AtomicBoolean stop = new AtomicBoolean();
        long ackedBeforeCall;
        try (LsmEngine db = LsmEngine.open(tmp.resolve("db"), small())) {
            Thread writer = new Thread(() -> {
                for (long i = 0; !stop.get() && i < 2_000_000; i++) {
                    db.put(b("w" + i), b("value-" + i));
                    acknowledged.set(i);
                }
            });
            writer.start();
            try {
                while (acknowledged.get() < 20_000) {
                    Thread.sleep(5); // enough for flushes and compactions to be running
                }
                ackedBeforeCall = acknowledged.get();
                db.checkpoint(copy);
            } finally {
                stop.set(true);
                writer.join(60_000);
            }
            assertThat(writer.isAlive()).isFalse();
        }
        try (LsmEngine restored = LsmEngine.open(copy, small())) {
            for (long i = 0; i <= ackedBeforeCall; i++) {
                assertThat(restored.get(b("w" + i))).as("acknowledged write w%d", i).isEqualTo(b("value-" + i));
            }
            // Nothing half-written: whatever later key is present has its full value.
            try (Cursor c = restored.scan(b("w"), b("x"))) {
                while (c.next()) {
                    String key = new String(c.key(), UTF_8);
                    assertThat(new String(c.value(), UTF_8)).isEqualTo("value-" + key.substring(1));
                }
            }
        }
    }

    @Test
    void copiesWhereTheFileSystemHasNoHardLinks() {
        CrashableFileSystem fs = new CrashableFileSystem();
        Path db = Path.of("/mem/db");
        Path copy = Path.of("/mem/copy");
        EngineOptions options = small().toBuilder().fileSystem(fs).build();
        try (LsmEngine engine = LsmEngine.open(db, options)) {
            for (int i = 0; i < 3_000; i++) {
                engine.put(b("c" + i), b("v" + i));
            }
            engine.checkpoint(copy);
        }
        fs.crash(); // the copy was synced: a power cut right after keeps it
        try (LsmEngine restored = LsmEngine.open(copy, options)) {
            assertThat(restored.get(b("c0"))).isEqualTo(b("v0"));
            assertThat(restored.get(b("c2999"))).isEqualTo(b("v2999"));
        }
    }

    @Test
    void refusesTargetsThatAreNotNewDirectoriesOutsideTheStore() throws Exception {
        Path dbDir = tmp.resolve("db");
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Path leftover = Files.createDirectories(tmp.resolve("half" + Checkpoint.TEMP_SUFFIX));
        try (LsmEngine db = LsmEngine.open(dbDir, small())) {
            db.put(b("k"), b("v"));
            assertThatThrownBy(() -> db.checkpoint(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("null");
            assertThatThrownBy(() -> db.checkpoint(existing)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> db.checkpoint(dbDir.resolve("inside"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("inside the store's directory");
            assertThatThrownBy(() -> db.checkpoint(tmp.resolve("half"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(leftover.getFileName().toString()).hasMessageContaining("delete it");
            assertThat(existing).isEmptyDirectory();
        }
        LsmEngine closed = LsmEngine.open(tmp.resolve("other"), small());
        closed.close();
        assertThatThrownBy(() -> closed.checkpoint(tmp.resolve("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void checkpointOfACheckpointOpens() {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        try (LsmEngine db = LsmEngine.open(tmp.resolve("db"), small())) {
            db.put(b("a"), b("1"));
            db.checkpoint(first);
        }
        try (LsmEngine db = LsmEngine.open(first, small())) {
            db.put(b("b"), b("2"));
            db.checkpoint(second);
        }
        try (LsmEngine db = LsmEngine.open(second, small())) {
            assertThat(db.get(b("a"))).isEqualTo(b("1"));
            assertThat(db.get(b("b"))).isEqualTo(b("2"));
        }
    }

    private static List<Path> tables(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".sst")).toList());
        }
    }
}
