package dev.lsmkv.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.SyncHookFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, bug 4: {@link VersionSet#logAndApply} held the version set's monitor through the
 * manifest append and fsync (and the CURRENT rename), and the engine calls synchronized
 * VersionSet methods with its mutex held (a memtable switch allocates a file number, a view
 * install refs the current version), so writers and readers waited for the manifest's disk
 * I/O. Now the monitor is released around the I/O, as LevelDB's LogAndApply releases the mutex.
 */
class ManifestWriteConcurrencyTests {

    private static final Path DIR = Path.of("/manifest-io");

    /** Blocks the sync of a MANIFEST file, while armed, until released. */
    private static final class BlockingManifestSync extends SyncHookFileSystem {
        volatile boolean armed;
        final CountDownLatch syncing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        BlockingManifestSync() {
            super(new CrashableFileSystem());
        }

        @Override
        protected void beforeSync(Path file) {
            if (armed && file.getFileName().toString().startsWith("MANIFEST")) {
                syncing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void fileNumbersAndVersionsStayAvailableWhileTheManifestSyncs() throws Exception {
        checkWhileBlocked(1 << 20); // an append to the open manifest
    }

    @Test
    void fileNumbersAndVersionsStayAvailableWhileANewManifestIsWritten() throws Exception {
        checkWhileBlocked(4 * 1024); // every edit past the first few rolls to a new manifest + CURRENT
    }

    private static void checkWhileBlocked(long maxManifestBytes) throws Exception {
        BlockingManifestSync fs = new BlockingManifestSync();
        try (VersionSet vs = new VersionSet(DIR, fs, maxManifestBytes)) {
            vs.create();
            boolean rolls = maxManifestBytes < 1 << 20;
            if (rolls) {
                // 150 files make a snapshot larger than the limit: every later edit rolls.
                for (int i = 0; i < 150; i++) {
                    String key = String.format(java.util.Locale.ROOT, "k%04d", i);
                    vs.logAndApply(new VersionEdit().addFile(1, TestFiles.file(vs.newFileNumber(), key, key)));
                }
            }
            long manifestBefore = vs.manifestFileNumber();
            long table = vs.newFileNumber();
            fs.armed = true;
            CompletableFuture<Void> apply = CompletableFuture.runAsync(() -> {
                try {
                    vs.logAndApply(new VersionEdit().addFile(0, TestFiles.file(table, "a", "b")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(fs.syncing.await(10, TimeUnit.SECONDS)).as("logAndApply reached the manifest sync").isTrue();

            CompletableFuture<Long> others = CompletableFuture.supplyAsync(() -> {
                long n = vs.newFileNumber();
                vs.refCurrent().unref();
                vs.liveFileNumbers();
                vs.lastSequence();
                return n;
            });
            try {
                assertThat(others.get(5, TimeUnit.SECONDS)).as("a file number while the manifest syncs")
                        .isGreaterThan(table);
                assertThat(vs.current().numFiles(0)).as("the edit is not installed before its sync").isZero();
            } finally {
                fs.release.countDown();
            }
            apply.get(10, TimeUnit.SECONDS);
            assertThat(vs.current().numFiles(0)).isEqualTo(1);
            assertThat(vs.manifestFileNumber() != manifestBefore).as("a new manifest was written").isEqualTo(rolls);
        }
    }
}
