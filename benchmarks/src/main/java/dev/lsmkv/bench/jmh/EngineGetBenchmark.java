package dev.lsmkv.bench.jmh;

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

/**
 * {@code LsmEngine.get} over flushed SSTables (the memtable is empty): {@link #getHit} reads a
 * random present key (bloom probe, index seek, block read through the cache, value copy);
 * {@link #getMiss} reads an absent key that sorts among the present ones, so file key ranges
 * cannot rule it out and the bloom filter does the work. {@code entries} keys of [0, entries),
 * written in shuffled order and flushed once in set-up; the first warm-up iterations fill the
 * block cache.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main EngineGetBenchmark}
 * ({@code -p entries=1000000} for the db_bench size, {@code -t 2} for two reader threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineGetBenchmark {

    @Param({"200000"})
    public int entries;

    private JmhSupport.TempEngine store;
    private LsmEngine db;

    @Setup(Level.Trial)
    public void open() throws Exception {
        store = JmhSupport.TempEngine.filled("lsmkv-jmh-get", entries);
        db = store.db();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
    }

    /** Per-thread key buffer and key source. */
    @State(Scope.Thread)
    public static class Reader {
        final byte[] key = new byte[JmhSupport.KEY_SIZE];
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
    }

    @Benchmark
    public byte[] getHit(Reader r) {
        return db.get(JmhSupport.key(r.random.nextInt(entries), r.key));
    }

    @Benchmark
    public byte[] getMiss(Reader r) {
        return db.get(JmhSupport.missingKey(r.random.nextInt(entries), r.key));
    }
}
