package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it uses the engine (a web server timing out a request, say) must
 * neither break the engine for others nor lose its interrupt: NIO channels close themselves on
 * interrupt, so the file layer keeps them out of harm's way.
 */
class InterruptIntegrationTests {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void interruptedWriterAndReaderCompleteAndKeepTheirInterrupt() {
        try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.ALWAYS)
                .blockCacheSizeBytes(0).build())) {
            db.put(b("before"), b("v"));
            db.flush();
            Thread.currentThread().interrupt();
            try {
                db.put(b("while-interrupted"), b("w")); // WAL append + fsync
                db.flush();                             // new WAL, directory fsync, table write
                assertThat(db.get(b("before"))).isEqualTo(b("v")); // positional read of a table
                assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(db.stats().healthy()).isTrue();
            db.put(b("after"), b("x"));
            assertThat(db.get(b("while-interrupted"))).isEqualTo(b("w"));
            assertThat(db.get(b("before"))).isEqualTo(b("v"));
        }
        try (LsmEngine db = LsmEngine.open(dir)) {
            assertThat(db.get(b("while-interrupted"))).isEqualTo(b("w"));
            assertThat(db.get(b("after"))).isEqualTo(b("x"));
        }
    }

    @Test
    void readersKeepWorkingWhileAnotherReaderIsInterruptedRepeatedly() throws Exception {
        try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE)
                .blockCacheSizeBytes(0).build())) {
            for (int i = 0; i < 2_000; i++) {
                db.put(b(String.format("k%05d", i)), b("v" + i));
            }
            db.flush();
            AtomicBoolean stop = new AtomicBoolean();
            Thread victim = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        db.get(b("k00042"));
                    } catch (LsmException ignored) {
                        // An interrupt that lands mid-read may fail this thread's read: allowed.
                    }
                    Thread.interrupted();
                }
            });
            victim.start();
            try {
                for (int round = 0; round < 200; round++) {
                    victim.interrupt();
                    int i = round * 7 % 2_000;
                    assertThat(db.get(b(String.format("k%05d", i)))).isEqualTo(b("v" + i));
                }
            } finally {
                stop.set(true);
                victim.join();
            }
            assertThat(db.stats().healthy()).isTrue();
        }
    }
}
