package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static dev.lsmkv.engine.AckModel.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.Vfs;
import dev.lsmkv.engine.fs.ForwardingFileSystem;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.fs.WritableFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, bug 3: {@code close()} waited for a running compaction to finish, and a compaction
 * never looked for a shutdown, so close could take as long as the largest compaction. Now the
 * job checks for close before each entry (as LevelDB's DoCompactionWork checks shutting_down),
 * and close returns within about one table write.
 */
class CloseDuringCompactionIntegrationTests {

    private static final Path DIR = Path.of("/close-compaction");
    private static final int KEYS = 4_000;

    @Test
    void closeStopsARunningManualCompaction() throws Exception {
        SlowTableWrites fs = new SlowTableWrites(new CrashableFileSystem());
        EngineOptions opts = EngineOptions.builder().fileSystem(fs).compression(Compression.NONE)
                .blockCacheSizeBytes(0).build();
        LsmEngine db = LsmEngine.open(DIR, opts);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < KEYS; i++) {
                db.put(b(String.format(java.util.Locale.ROOT, "key%06d", i)), value(round, i));
            }
            db.flush();
        }
        // A manual compaction now reads 2 x 4 MB (in read-ahead windows of up to 256 KiB) and
        // writes 4 MB (in appends of 64 KiB), each call 100 ms late: about 10 s. Close must not
        // wait for it.
        fs.delayMillis = 100;
        AtomicReference<Throwable> compactResult = new AtomicReference<>();
        Thread compactor = new Thread(() -> {
            try {
                db.compact();
            } catch (Throwable t) {
                compactResult.set(t);
            }
        }, "compactor");
        compactor.setDaemon(true);
        compactor.start();
        assertThat(fs.firstSlowCall.await(10, TimeUnit.SECONDS)).as("compaction started").isTrue();

        long start = System.nanoTime();
        db.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        compactor.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(closeMillis).as("close() took %d ms", closeMillis).isLessThan(3_000);
        assertThat(compactor.isAlive()).isFalse();
        assertThat(compactResult.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        fs.delayMillis = 0;
        try (LsmEngine reopened = LsmEngine.open(DIR, opts)) {
            assertThat(reopened.stats().backgroundError()).isNull();
            for (int i = 0; i < KEYS; i += 97) {
                assertThat(s(reopened.get(b(String.format(java.util.Locale.ROOT, "key%06d", i)))))
                        .isEqualTo(s(value(1, i)));
            }
        }
    }

    private static byte[] value(int round, int i) {
        return b("value-" + round + "-" + i + "-" + "x".repeat(1_000));
    }

    /** Delays each read of and append to a table file by {@code delayMillis}. */
    static final class SlowTableWrites extends ForwardingFileSystem {
        volatile long delayMillis;
        final CountDownLatch firstSlowCall = new CountDownLatch(1);

        SlowTableWrites(Vfs delegate) {
            super(delegate);
        }

        @Override
        protected ReadableFile readable(Path path, ReadableFile file) {
            if (!path.getFileName().toString().endsWith(".sst")) {
                return file;
            }
            return new ForwardingReadableFile(file) {
                @Override
                public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
                    pause();
                    super.readFully(position, dst, offset, length);
                }
            };
        }

        @Override
        protected WritableFile writable(Path path, WritableFile file) {
            if (!path.getFileName().toString().endsWith(".sst")) {
                return file;
            }
            return new ForwardingWritableFile(file) {
                @Override
                public void append(byte[] data, int offset, int length) throws IOException {
                    pause();
                    super.append(data, offset, length);
                }
            };
        }

        private void pause() {
            long delay = delayMillis;
            if (delay > 0) {
                firstSlowCall.countDown();
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
