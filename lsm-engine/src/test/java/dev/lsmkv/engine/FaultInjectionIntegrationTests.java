package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.FaultInjectingFileSystem;
import dev.lsmkv.engine.fs.FaultInjectingFileSystem.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** I/O faults in background work and in the write path; power loss with only synced data kept. */
class FaultInjectionIntegrationTests {

    private static final Path DIR = Path.of("/faulty-db");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void flushHittingAnIoErrorStopsWritesKeepsReadsAndReopenRecoversEverything() {
        CrashableFileSystem disk = new CrashableFileSystem();
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(disk);
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.ALWAYS).fileSystem(fs).build();
        LsmEngine db = LsmEngine.open(DIR, options);
        for (int i = 0; i < 100; i++) {
            db.put(b("k" + i), b("v" + i));
        }
        // The flush creates a new WAL first (CREATE #1), then the table (CREATE #2).
        fs.failNth(Op.CREATE, 2, new IOException("injected: cannot create table"));
        assertThatThrownBy(db::flush).isInstanceOf(LsmException.class).hasMessageContaining("injected");
        assertThatThrownBy(() -> db.put(b("after"), b("x")))
                .isInstanceOf(LsmException.class)
                .hasMessageContaining("stopped")
                .hasRootCauseMessage("injected: cannot create table");
        assertThat(db.get(b("k42"))).isEqualTo(b("v42"));
        assertThat(db.stats().backgroundError()).contains("injected");
        db.close();

        fs.clear();
        try (LsmEngine again = LsmEngine.open(DIR, options)) {
            for (int i = 0; i < 100; i++) {
                assertThat(again.get(b("k" + i))).isEqualTo(b("v" + i));
            }
            assertThat(again.get(b("after"))).isNull();
            assertThat(again.stats().healthy()).isTrue();
        }
    }

    @Test
    void diskFullInTheWalFailsTheWriteClearly() {
        CrashableFileSystem disk = new CrashableFileSystem();
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(disk);
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.ALWAYS).fileSystem(fs).build();
        LsmEngine db = LsmEngine.open(DIR, options);
        db.put(b("before"), b("v"));
        fs.failAfterBytes(10);
        assertThatThrownBy(() -> db.put(b("big"), new byte[1000]))
                .isInstanceOf(LsmException.class)
                .hasMessageContaining("No space left on device");
        assertThat(db.get(b("before"))).isEqualTo(b("v"));
        assertThat(db.get(b("big"))).isNull();
        db.close();
        fs.clear();
        try (LsmEngine again = LsmEngine.open(DIR, options)) {
            assertThat(again.get(b("before"))).isEqualTo(b("v"));
            assertThat(again.get(b("big"))).isNull();
        }
    }

    @Test
    void powerLossKeepsEveryWriteAcknowledgedUnderSyncAlways() {
        CrashableFileSystem fs = new CrashableFileSystem();
        EngineOptions options = EngineOptions.builder().syncMode(SyncMode.ALWAYS).memtableSizeBytes(8 * 1024)
                .fileSystem(fs).build();
        LsmEngine db = LsmEngine.open(DIR, options);
        for (int i = 0; i < 2_000; i++) {
            db.put(b(String.format("key%05d", i)), b("value-" + i));
            if (i % 500 == 0) {
                db.flush();
            }
        }
        CrashableFileSystem afterPowerLoss = fs.crashClone();
        db.close();
        EngineOptions reopened = options.toBuilder().fileSystem(afterPowerLoss).build();
        try (LsmEngine again = LsmEngine.open(DIR, reopened)) {
            for (int i = 0; i < 2_000; i++) {
                assertThat(again.get(b(String.format("key%05d", i)))).as("key %d", i).isEqualTo(b("value-" + i));
            }
        }
    }
}
