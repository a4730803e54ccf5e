package dev.lsmkv.bench.jmh;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.iterator.MergingIterator;
import dev.lsmkv.engine.memtable.MemTable;
import java.util.ArrayList;
import java.util.List;
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
 * One {@code next()} + {@code key()} + {@code value()} of the internal k-way merge
 * ({@code dev.lsmkv.engine.iterator.MergingIterator}) over {@code sources} memtable iterators
 * whose keys interleave at random (the worst case for the heap: the top changes often), 100,000
 * entries in all. Isolates the merge's cost per entry from block decoding; the memtable
 * iterators underneath are part of the figure, so compare against {@code sources=1} (heap
 * bypassed).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main MergingIteratorBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MergingIteratorBenchmark {

    private static final int ENTRIES = 100_000;

    @Param({"1", "4", "8"})
    public int sources;

    private final List<MemTable> tables = new ArrayList<>();
    private MergingIterator merge;

    @Setup(Level.Trial)
    public void fill() {
        SplittableRandom random = new SplittableRandom(301);
        byte[] value = JmhSupport.value(random);
        for (int s = 0; s < sources; s++) {
            tables.add(new MemTable());
        }
        for (int i = 0; i < ENTRIES; i++) {
            tables.get(random.nextInt(sources)).add(i + 1, EntryKind.PUT,
                    JmhSupport.newKey(i), value);
        }
        List<InternalIterator> children = new ArrayList<>();
        for (MemTable t : tables) {
            children.add(t.iterator());
        }
        merge = new MergingIterator(children);
        merge.seekToFirst();
    }

    @TearDown(Level.Trial)
    public void close() {
        merge.close();
    }

    @Benchmark
    public void next(Blackhole bh) {
        if (!merge.isValid()) {
            merge.seekToFirst();
        }
        bh.consume(merge.key());
        bh.consume(merge.value());
        merge.next();
    }
}
