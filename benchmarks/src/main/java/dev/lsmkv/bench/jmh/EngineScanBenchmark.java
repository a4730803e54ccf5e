package dev.lsmkv.bench.jmh;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Range scans through the public {@link Cursor} over flushed SSTables: {@link #next} is one
 * {@code next()} + {@code key()} + {@code value()} of a full forward scan (the cursor is reopened
 * at the start when it runs out; that reopen is amortized over {@code entries} entries), which
 * bounds db_bench's readseq; {@link #seekAndNext10} opens a cursor at a random key and reads 11
 * entries (db_bench seekrandom with seek_nexts=10).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main EngineScanBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineScanBenchmark {

    @Param({"200000"})
    public int entries;

    private JmhSupport.TempEngine store;
    private LsmEngine db;

    @Setup(Level.Trial)
    public void open() throws Exception {
        store = JmhSupport.TempEngine.filled("lsmkv-jmh-scan", entries);
        db = store.db();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
    }

    /** One thread's open cursor and key source. */
    @State(Scope.Thread)
    public static class Scanner {
        final byte[] key = new byte[JmhSupport.KEY_SIZE];
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
        Cursor cursor;

        @TearDown(Level.Iteration)
        public void close() {
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
        }
    }

    @Benchmark
    public void next(Scanner s, Blackhole bh) {
        if (s.cursor == null || !s.cursor.next()) {
            if (s.cursor != null) {
                s.cursor.close();
            }
            s.cursor = db.scan(null, null);
            s.cursor.next();
        }
        bh.consume(s.cursor.key());
        bh.consume(s.cursor.value());
    }

    @Benchmark
    public void seekAndNext10(Scanner s, Blackhole bh) {
        try (Cursor c = db.scan(JmhSupport.key(s.random.nextInt(entries), s.key), null)) {
            for (int n = 0; n < 11 && c.next(); n++) {
                bh.consume(c.key());
                bh.consume(c.value());
            }
        }
    }
}
