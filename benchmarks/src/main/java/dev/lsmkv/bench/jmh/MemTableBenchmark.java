package dev.lsmkv.bench.jmh;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.memtable.MemTable;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memtable alone (internal class {@code dev.lsmkv.engine.memtable.MemTable}, no WAL, no
 * engine): {@link #insert} adds a random 16-byte key with a 100-byte value (internal-key encoding
 * plus a skip-list insert) into a memtable that starts empty each iteration and grows to a few
 * hundred thousand entries, about as far as a 64 MiB memtable gets; {@link #getHit} looks up a
 * random key of a memtable prefilled with {@code entries} keys, {@link #getMiss} a key it does not
 * hold. {@code pointIndex}: with the memtable's point index ({@code EngineOptions.memtablePointIndex},
 * on in the Spring starter). {@code bloom}: with the memtable's bloom filter of 1 MiB, the size the
 * engine gives a 64 MiB memtable, where the memtable keeps one.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main MemTableBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemTableBenchmark {

    @Param({"300000"})
    public int entries;

    @Param({"false", "true"})
    public boolean pointIndex;

    @Param({"false", "true"})
    public boolean bloom;

    private MemTable filled;
    private MemTable growing;
    private long sequence;
    private byte[] value;
    private final byte[] readKey = new byte[JmhSupport.KEY_SIZE];
    private final SplittableRandom random = new SplittableRandom(301);

    @Setup(Level.Trial)
    public void fill() {
        value = JmhSupport.value(random);
        filled = new MemTable(bloomBytes(), pointIndex);
        for (int i = 0; i < entries; i++) {
            filled.add(++sequence, EntryKind.PUT, JmhSupport.newKey(i), value);
        }
    }

    @Setup(Level.Iteration)
    public void fresh() {
        growing = new MemTable(bloomBytes(), pointIndex);
    }

    private long bloomBytes() {
        return bloom ? 1 << 20 : 0;
    }

    @Benchmark
    public void insert() {
        // The engine hands the memtable arrays it owns, so each insert gets a new key array.
        byte[] key = JmhSupport.newKey(random.nextLong(1_000_000_000L));
        growing.add(++sequence, EntryKind.PUT, key, value);
    }

    @Benchmark
    public Object getHit() {
        byte[] lookup = InternalKey.lookupKey(JmhSupport.key(random.nextInt(entries), readKey), InternalKey.MAX_SEQUENCE);
        return filled.get(lookup);
    }

    @Benchmark
    public Object getMiss() {
        byte[] lookup = InternalKey.lookupKey(JmhSupport.key(entries + random.nextInt(entries), readKey),
                InternalKey.MAX_SEQUENCE);
        return filled.get(lookup);
    }
}
