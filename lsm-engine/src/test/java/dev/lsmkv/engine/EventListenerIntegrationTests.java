package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.FaultInjectingFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The {@link EngineEventListener} hears flushes, compactions, deletions, cleanup failures, stalls and errors. */
class EventListenerIntegrationTests {

    private static final Path DIR = Path.of("/events");

    /** Records every event as a line. */
    static final class Recorder implements EngineEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        List<String> named(String prefix) {
            return events.stream().filter(e -> e.startsWith(prefix)).toList();
        }

        @Override
        public void flushBegin(long memtableBytes) {
            events.add("flushBegin " + memtableBytes);
        }

        @Override
        public void flushEnd(long memtableBytes, long tableBytes, Duration duration) {
            events.add("flushEnd " + memtableBytes + " " + tableBytes);
        }

        @Override
        public void compactionBegin(int level, int outputLevel, long inputBytes) {
            events.add("compactionBegin " + level + " " + outputLevel + " " + inputBytes);
        }

        @Override
        public void compactionEnd(int level, int outputLevel, long bytesRead, long bytesWritten, Duration duration) {
            events.add("compactionEnd " + level + " " + outputLevel + " " + bytesRead + " " + bytesWritten);
        }

        @Override
        public void writeStall(Duration duration) {
            events.add("writeStall");
        }

        @Override
        public void backgroundError(Throwable error) {
            events.add("backgroundError " + error.getMessage());
        }

        @Override
        public void fileDeleted(Path file) {
            events.add("fileDeleted " + file.getFileName());
        }

        @Override
        public void cleanupFailed(Path file, IOException error) {
            events.add("cleanupFailed " + file.getFileName() + " " + error.getMessage());
        }
    }

    private static void fill(LsmEngine db, int round) {
        for (int i = 0; i < 500; i++) {
            db.put(b(String.format(Locale.ROOT, "key%05d", i)), b("value-" + round + "-" + i));
        }
    }

    @Test
    void flushCompactionAndDeletionEventsCarrySizes() {
        Recorder rec = new Recorder();
        try (LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(new CrashableFileSystem())
                .eventListener(rec).build())) {
            fill(db, 0);
            db.flush();
            fill(db, 1);
            db.compact();
        }
        assertThat(rec.named("flushBegin")).hasSizeGreaterThanOrEqualTo(2);
        for (String end : rec.named("flushEnd")) {
            String[] f = end.split(" ");
            assertThat(Long.parseLong(f[1])).as(end).isPositive();
            assertThat(Long.parseLong(f[2])).as(end).isPositive();
        }
        assertThat(rec.named("compactionBegin -1 ")).hasSize(1);
        String end = rec.named("compactionEnd -1 ").get(0);
        String[] f = end.split(" ");
        assertThat(Long.parseLong(f[3])).as("bytes read").isPositive();
        assertThat(Long.parseLong(f[4])).as("bytes written").isPositive();
        assertThat(rec.named("fileDeleted")).anyMatch(e -> e.endsWith(".sst")).anyMatch(e -> e.endsWith(".log"));
        assertThat(rec.named("backgroundError")).isEmpty();
    }

    @Test
    void aFailedDeletionIsReportedNotSwallowed() {
        Recorder rec = new Recorder();
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new CrashableFileSystem());
        try (LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(fs).eventListener(rec).build())) {
            fill(db, 0);
            db.flush();
            fs.failAlways(FaultInjectingFileSystem.Op.DELETE, new IOException("EACCES on purpose"));
            fill(db, 1);
            db.compact();
        }
        assertThat(rec.named("cleanupFailed")).isNotEmpty()
                .allMatch(e -> e.endsWith("EACCES on purpose"));
        assertThat(rec.named("backgroundError")).as("a failed deletion is not a background error").isEmpty();
    }

    @Test
    void aBackgroundErrorIsReportedOnce() {
        Recorder rec = new Recorder();
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new CrashableFileSystem());
        LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(fs).eventListener(rec).build());
        fs.failAlways(FaultInjectingFileSystem.Op.APPEND, FaultInjectingFileSystem.diskFull());
        assertThatThrownBy(() -> db.put(b("k"), b("v"))).isInstanceOf(LsmException.class);
        assertThatThrownBy(() -> db.put(b("k2"), b("v"))).isInstanceOf(LsmException.class);
        db.close();
        assertThat(rec.named("backgroundError")).hasSize(1)
                .allMatch(e -> e.contains(FaultInjectingFileSystem.DISK_FULL_MESSAGE));
    }

    @Test
    void stallsAreReported() {
        Recorder rec = new Recorder();
        // Any L0 file slows each write down by a millisecond (a stall) until compaction empties L0.
        try (LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(new CrashableFileSystem())
                .level0CompactionTrigger(1).level0SlowdownTrigger(1).level0StopTrigger(2).eventListener(rec)
                .build())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int round = 0; rec.named("writeStall").isEmpty() && System.nanoTime() < deadline; round++) {
                fill(db, round);
                db.flush();
                db.put(b("after-flush"), b("v"));
            }
            assertThat(rec.named("writeStall")).isNotEmpty();
            assertThat(db.stats().stalls()).isPositive();
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheEngine() {
        EngineEventListener throwing = new EngineEventListener() {
            @Override
            public void flushEnd(long memtableBytes, long tableBytes, Duration duration) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(new CrashableFileSystem())
                .eventListener(throwing).build())) {
            fill(db, 0);
            db.flush();
            db.put(b("after"), b("ok"));
            assertThat(db.stats().backgroundError()).isNull();
            assertThat(db.stats().flushes()).isPositive();
        }
    }
}
