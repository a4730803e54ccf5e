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
 * {@code LsmEngine.put} of a 16-byte key and a 100-byte value under {@code SyncMode.NONE},
 * through the public API: key encoding, WAL framing and append, memtable insert, and the flushes
 * and compactions the writes cause (amortized). {@code order} picks sequential keys (fillseq) or
 * uniformly random keys of [0, 10^9) (fillrandom). A fresh engine per trial.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main EnginePutBenchmark}
 * (add {@code -prof gc} for allocation per put, {@code -t 2} for two writer threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnginePutBenchmark {

    @Param({"sequential", "random"})
    public String order;

    private JmhSupport.TempEngine store;
    private LsmEngine db;

    @Setup(Level.Trial)
    public void open() throws Exception {
        store = JmhSupport.TempEngine.empty("lsmkv-jmh-put");
        db = store.db();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
    }

    /** Per-thread key buffer, value and key source. */
    @State(Scope.Thread)
    public static class Writer {
        final byte[] key = new byte[JmhSupport.KEY_SIZE];
        SplittableRandom random;
        byte[] value;
        long next;

        @Setup(Level.Trial)
        public void setUp() {
            random = new SplittableRandom(Thread.currentThread().getId());
            value = JmhSupport.value(random);
            next = Thread.currentThread().getId() << 40;
        }
    }

    @Benchmark
    public void put(Writer w) {
        long index = order.equals("sequential") ? w.next++ : w.random.nextLong(1_000_000_000L);
        db.put(JmhSupport.key(index, w.key), w.value);
    }
}
