package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.FaultInjectingFileSystem;
import dev.lsmkv.engine.fs.FaultInjectingFileSystem.Op;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault walks, after LevelDB's {@code fault_injection_test} and Pebble's errorfs tests: each walk
 * runs a workload once over a {@link FaultInjectingFileSystem} to count its file-system operations
 * of every kind, then reruns it once per operation index, failing exactly that operation. After
 * each fault:
 * <ol>
 *   <li>every failed call threw an {@link LsmException} whose cause chain holds the injected
 *       error, or the fault hit background work and {@code stats().backgroundError()} names it
 *       (then writes are refused); only a fault in best-effort cleanup (DELETE, LIST of obsolete
 *       files) may be absorbed silently;</li>
 *   <li>reads never return a value no write made, and no batch shows half (checked live, after
 *       power loss via {@link CrashableFileSystem#crashClone()} and after close and reopen);</li>
 *   <li>every write acknowledged under {@link SyncMode#ALWAYS} is there after power loss.</li>
 * </ol>
 * By default every point is walked (about 1,300 over the five walks, ~20 s); with
 * {@code -Dlsmkv.walk.maxPerKind=N} a kind with more than N points tries an evenly spread sample.
 */
class FaultWalkIntegrationTests {

    private static final Path DIR = Path.of("/walk-db");
    private static final String INJECTED = "injected fault";
    private static final int MAX_PER_KIND = Integer.getInteger("lsmkv.walk.maxPerKind", 100_000);
    private static final StringBuilder REPORT = new StringBuilder();
    private static ExecutorService runner;

    @BeforeAll
    static void startRunner() {
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fault-walk");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void printReport() {
        runner.shutdownNow();
        System.out.print(REPORT);
    }

    // ---------------------------------------------------------------- walks

    @Test
    void flushWalk() throws Exception {
        walk("flush", o -> o, null, ctx -> {
            ctx.open();
            ctx.puts("f", 0, 30, "v1");
            ctx.batch("fb1", 5);
            ctx.deletes("f", 0, 10, 2);
            ctx.flush();
            ctx.puts("f", 20, 40, "v2");
            ctx.batch("fb2", 4);
            ctx.flush();
        });
    }

    @Test
    void walSwitchWalk() throws Exception {
        walk("walSwitch", o -> o.memtableSizeBytes(4 * 1024), null, ctx -> {
            ctx.open();
            for (int round = 0; round < 6; round++) {
                ctx.puts("w", round * 10, round * 10 + 12, "r" + round + "-" + "x".repeat(150));
                ctx.batch("wb" + round, 3);
                ctx.deletes("w", round * 10, round * 10 + 4, 2);
            }
            ctx.flush();
        });
    }

    @Test
    void compactionWalk() throws Exception {
        walk("compaction", o -> o.level0CompactionTrigger(2).level0SlowdownTrigger(2).level0StopTrigger(4), null,
                ctx -> {
                    ctx.open();
                    for (int round = 0; round < 4; round++) {
                        ctx.puts("c", 0, 25, "r" + round);
                        ctx.deletes("c", round, 25, 5);
                        ctx.batch("cb" + round, 3);
                        ctx.flush();
                    }
                    ctx.compact();
                    ctx.puts("c", 0, 5, "after");
                    ctx.compact();
                });
    }

    @Test
    void manifestRollWalk() throws Exception {
        String longPrefix = "m" + "k".repeat(300) + "-";
        walk("manifestRoll", o -> o.maxManifestFileSizeBytes(4 * 1024).level0CompactionTrigger(3), null, ctx -> {
            ctx.open();
            for (int round = 0; round < 8; round++) {
                ctx.puts(longPrefix, round * 3, round * 3 + 4, "r" + round);
                ctx.flush();
            }
        });
    }

    @Test
    void openAndRecoveryWalk() throws Exception {
        walk("openRecovery", o -> o.level0CompactionTrigger(3), ctx -> {
            ctx.open();
            ctx.puts("o", 0, 30, "table");
            ctx.flush();
            ctx.puts("o", 10, 20, "table2");
            ctx.flush();
            ctx.puts("o", 15, 45, "wal"); // only in the WAL: replayed at open
            ctx.batch("ob", 4);
            ctx.deletes("o", 0, 6, 1);
            ctx.close();
        }, ctx -> {
            ctx.open();
            ctx.verifyLive();
            ctx.puts("o", 40, 50, "after");
            ctx.flush();
        });
    }

    // ---------------------------------------------------------------- the walk

    interface Workload {
        void run(Ctx ctx) throws Exception;
    }

    /** Outcome counts of one walk. */
    private static final class Tally {
        final Map<Op, int[]> points = new EnumMap<>(Op.class); // {counted, tried, not reached, threw, bgError, absorbed}
        long verifiedKeys;

        int[] of(Op op) {
            return points.computeIfAbsent(op, k -> new int[6]);
        }
    }

    private void walk(String name, UnaryOperator<EngineOptions.Builder> tune, Workload setup, Workload phase)
            throws Exception {
        // Count: one clean run.
        Run counting = runOnce(tune, setup, phase, null, 0);
        Map<Op, Long> counts = counting.counts;
        Tally tally = new Tally();
        long started = System.nanoTime();
        for (Op op : Op.values()) {
            long n = counts.get(op);
            tally.of(op)[0] = (int) n;
            for (long i : sample(n)) {
                Run run;
                try {
                    run = runOnce(tune, setup, phase, op, (int) i);
                } catch (AssertionError e) {
                    throw new AssertionError(name + " walk, fault on " + op + " #" + i + ": " + e.getMessage(), e);
                }
                int[] t = tally.of(op);
                t[1]++;
                if (!run.reached) {
                    t[2]++; // the operation count of this run fell short of the index (background timing)
                } else {
                    t[3] += run.threw ? 1 : 0;
                    t[4] += run.backgroundError ? 1 : 0;
                    t[5] += run.threw || run.backgroundError ? 0 : 1;
                }
                tally.verifiedKeys += run.verifiedKeys;
            }
        }
        StringBuilder line = new StringBuilder("FaultWalk " + name + ": ");
        int tried = 0;
        for (Map.Entry<Op, int[]> e : tally.points.entrySet()) {
            int[] t = e.getValue();
            tried += t[1];
            if (t[0] > 0) {
                line.append(e.getKey()).append(' ').append(t[1]).append('/').append(t[0])
                        .append(" (threw ").append(t[3]).append(", bg error ").append(t[4])
                        .append(", absorbed ").append(t[5]);
                if (t[2] > 0) {
                    line.append(", not reached ").append(t[2]);
                }
                line.append("); ");
            }
        }
        line.append("total ").append(tried).append(" injection points, ").append(tally.verifiedKeys)
                .append(" key checks, ").append((System.nanoTime() - started) / 1_000_000).append(" ms\n");
        synchronized (REPORT) {
            REPORT.append(line);
        }
        assertThat(tried).as("%s walk injected something", name).isPositive();
    }

    /** The indexes to fail, 1-based: all of them, or an evenly spread sample. */
    private static List<Long> sample(long n) {
        List<Long> out = new ArrayList<>();
        if (n <= MAX_PER_KIND) {
            for (long i = 1; i <= n; i++) {
                out.add(i);
            }
        } else {
            for (int j = 0; j < MAX_PER_KIND; j++) {
                out.add(1 + j * (n - 1) / (MAX_PER_KIND - 1));
            }
        }
        return out;
    }

    private record Run(Map<Op, Long> counts, boolean reached, boolean threw, boolean backgroundError, long verifiedKeys) {
    }

    private Run runOnce(UnaryOperator<EngineOptions.Builder> tune, Workload setup, Workload phase, Op op, int index)
            throws Exception {
        Future<Run> f = runner.submit(() -> doRun(tune, setup, phase, op, index));
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("hang: the run with a fault on " + op + " #" + index + " took over 60 s");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError ae) {
                throw ae;
            }
            throw new AssertionError("unexpected " + e.getCause(), e.getCause());
        }
    }

    private Run doRun(UnaryOperator<EngineOptions.Builder> tune, Workload setup, Workload phase, Op op, int index)
            throws Exception {
        CrashableFileSystem disk = new CrashableFileSystem();
        AckModel model = new AckModel();
        EngineOptions.Builder base = tune.apply(EngineOptions.builder().syncMode(SyncMode.ALWAYS)
                .blockCacheSizeBytes(64 * 1024));
        if (setup != null) {
            Ctx s = new Ctx(base.fileSystem(disk).build(), model, null);
            setup.run(s);
            assertThat(s.threw).as("setup ran without faults").isFalse();
        }
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(disk);
        Ctx ctx = new Ctx(base.fileSystem(fs).build(), model, fs);
        ctx.faultOpen = setup != null; // a walk with a setup phase walks the open too
        if (op != null) {
            ctx.arm = () -> fs.failNth(op, index, new IOException(INJECTED + " on " + op + " #" + index));
            if (ctx.faultOpen) {
                ctx.arm.run();
                ctx.arm = null;
            }
        }
        phase.run(ctx);
        Map<Op, Long> counts = new EnumMap<>(Op.class);
        for (Op o : Op.values()) {
            counts.put(o, fs.count(o));
        }
        if (ctx.db != null) {
            settle(ctx.db);
        }
        boolean reached = op == null || fs.count(op) >= index;
        fs.clear();
        long verified = 0;
        boolean threw = ctx.threw;
        boolean backgroundError = false;
        if (ctx.db != null) {
            String error = ctx.db.stats().backgroundError();
            if (error != null) {
                backgroundError = true;
                assertThat(error).as("background error names the cause").contains(INJECTED);
                ctx.put("refused-after-bg-error", "x");
                assertThat(ctx.lastCallThrew).as("writes are refused after a background error").isTrue();
            }
            verified += ctx.verifyLive();
        }
        if (op == null) {
            assertThat(ctx.threw || backgroundError).as("the counting run has no fault").isFalse();
        }
        // Power loss now, before close syncs anything more.
        CrashableFileSystem afterPowerLoss = disk.crashClone();
        if (ctx.db != null) {
            try {
                ctx.db.close();
            } catch (LsmException e) {
                ctx.checkCause(e, "close");
            }
        }
        EngineOptions clean = base.fileSystem(afterPowerLoss).build();
        try (LsmEngine db = LsmEngine.open(DIR, clean)) {
            verified += model.verify(db, "after power loss");
        }
        try (LsmEngine db = LsmEngine.open(DIR, base.fileSystem(disk).build())) {
            verified += model.verify(db, "after close and reopen");
        }
        if (op != null && reached && !threw && !backgroundError) {
            // Only best-effort cleanup (deleting obsolete files, listing the directory for them)
            // may swallow an error; a swallowed failed sync or append would be a lost write.
            assertThat(op).as("fault on %s #%d was neither reported nor refused", op, index)
                    .isIn(Op.DELETE, Op.LIST);
        }
        return new Run(counts, reached, threw, backgroundError, verified);
    }

    /**
     * Waits (at most 5 s) until background work is done: no memtable waits for a flush and no
     * level needs compaction, or a background error stopped it. A fault in work still running
     * would otherwise be reported after the checks.
     */
    static void settle(LsmEngine db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            EngineStats s = db.stats();
            if (s.backgroundError() != null || (s.immutableMemtables() == 0
                    && s.levels().stream().allMatch(l -> l.score() < 1))) {
                Thread.sleep(5); // let a job that just installed its result finish its cleanup
                return;
            }
            Thread.sleep(2);
        }
    }

    /** Runs workload steps against the engine, recording what was acknowledged. */
    static final class Ctx {
        final EngineOptions options;
        final AckModel model;
        final FaultInjectingFileSystem fs;
        Runnable arm;
        boolean faultOpen;
        LsmEngine db;
        boolean threw;
        boolean lastCallThrew;
        private int batchCounter;

        Ctx(EngineOptions options, AckModel model, FaultInjectingFileSystem fs) {
            this.options = options;
            this.model = model;
            this.fs = fs;
        }

        void open() {
            try {
                db = LsmEngine.open(DIR, options);
            } catch (LsmException e) {
                checkCause(e, "open");
                db = null;
                return;
            }
            if (fs != null && !faultOpen) {
                fs.resetCounts(); // count (and fail) from here on
                if (arm != null) {
                    arm.run();
                    arm = null;
                }
            }
        }

        void close() {
            if (db != null) {
                db.close();
                db = null;
            }
        }

        void put(String key, String value) {
            if (db == null) {
                return;
            }
            lastCallThrew = false;
            try {
                db.put(b(key), b(value));
                model.ack(key, value);
            } catch (LsmException e) {
                checkCause(e, "put " + key);
                model.maybe(key, value);
            }
        }

        void puts(String prefix, int from, int to, String value) {
            for (int i = from; i < to; i++) {
                put(String.format("%s%04d", prefix, i), value + "-" + i);
            }
        }

        void deletes(String prefix, int from, int to, int step) {
            if (db == null) {
                return;
            }
            for (int i = from; i < to; i += step) {
                String key = String.format("%s%04d", prefix, i);
                try {
                    db.delete(b(key));
                    model.ack(key, null);
                } catch (LsmException e) {
                    checkCause(e, "delete " + key);
                    model.maybe(key, null);
                }
            }
        }

        void batch(String prefix, int size) {
            if (db == null) {
                return;
            }
            List<String> keys = new ArrayList<>();
            WriteBatch batch = new WriteBatch();
            String value = prefix + "-value-" + (batchCounter++);
            for (int i = 0; i < size; i++) {
                String key = prefix + "-" + i;
                keys.add(key);
                batch.put(b(key), b(value));
            }
            try {
                db.write(batch);
                model.batch(keys, value, true);
            } catch (LsmException e) {
                checkCause(e, "write batch " + prefix);
                model.batch(keys, value, false);
            }
        }

        void flush() {
            if (db == null) {
                return;
            }
            try {
                db.flush();
            } catch (LsmException e) {
                checkCause(e, "flush");
            }
        }

        void compact() {
            if (db == null) {
                return;
            }
            try {
                db.compact();
            } catch (LsmException e) {
                checkCause(e, "compact");
            }
        }

        /** Reads every key the model knows; a read may fail only with the injected error. */
        long verifyLive() {
            if (db == null) {
                return 0;
            }
            try {
                return model.verify(db, "live, after the fault");
            } catch (LsmException e) {
                checkCause(e, "read");
                return 0;
            }
        }

        /** A failure must be an LsmException (not corruption) whose cause chain holds the injected error. */
        void checkCause(LsmException e, String call) {
            threw = true;
            lastCallThrew = true;
            if (e instanceof CorruptionException) {
                fail(call + " reported corruption for an I/O error: " + e, e);
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && (t.getMessage().contains(INJECTED))) {
                    return;
                }
            }
            fail(call + " threw " + e + " without the injected cause", e);
        }
    }
}
