package dev.lsmkv.bench.jmh;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.cache.BlockCache;
import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.sstable.TableBuilder;
import dev.lsmkv.engine.sstable.TableOptions;
import dev.lsmkv.engine.sstable.TableReader;
import dev.lsmkv.engine.sstable.TableStats;
import java.io.IOException;
import java.nio.file.Path;
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
 * One SSTable alone (internal classes {@code dev.lsmkv.engine.sstable.TableBuilder} and
 * {@code TableReader}), 100,000 entries of 16-byte keys and 100-byte values, default table
 * options (4 KiB LZ4 blocks, restart every 16, 10-bit bloom):
 * <ul>
 *   <li>{@link #getHit}: bloom probe, index block seek, data block fetch (from the block cache
 *       when {@code cacheBytes > 0}, else a positional read and LZ4 decompression), block seek,
 *       entry copy: the per-file cost of a point read.</li>
 *   <li>{@link #getMiss}: an absent key among the present ones; mostly the bloom probe.</li>
 *   <li>{@link #bloomProbe}: {@code mayContain} alone (hash + probes).</li>
 *   <li>{@link #iteratorNext}: one step of a full-table iterator, key and value read.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main TableReaderBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TableReaderBenchmark {

    private static final int ENTRIES = 100_000;

    @Param({"67108864", "0"})
    public long cacheBytes;

    private Path dir;
    private TableReader reader;
    private InternalIterator iterator;
    private final SplittableRandom random = new SplittableRandom(301);
    private final byte[] userKey = new byte[JmhSupport.KEY_SIZE];

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = JmhSupport.tempDir("lsmkv-jmh-table");
        Path file = dir.resolve("000001.sst");
        byte[] value = JmhSupport.value(random);
        try (WritableFile out = NioFileSystem.INSTANCE.create(file)) {
            TableBuilder builder = new TableBuilder(out, file, TableOptions.defaults());
            for (int i = 0; i < ENTRIES; i++) {
                builder.add(InternalKey.encode(JmhSupport.newKey(i), i + 1, EntryKind.PUT), value);
            }
            builder.finish();
            out.sync();
        }
        reader = TableReader.open(NioFileSystem.INSTANCE.openReadable(file), file, 1,
                cacheBytes > 0 ? new BlockCache(cacheBytes) : null, new TableStats());
        iterator = reader.iterator();
        iterator.seekToFirst();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        iterator.close();
        reader.close();
        JmhSupport.delete(dir);
    }

    @Benchmark
    public Object getHit() throws IOException {
        return reader.get(InternalKey.lookupKey(JmhSupport.key(random.nextInt(ENTRIES), userKey), InternalKey.MAX_SEQUENCE));
    }

    @Benchmark
    public Object getMiss() throws IOException {
        return reader.get(InternalKey.lookupKey(JmhSupport.missingKey(random.nextInt(ENTRIES), userKey), InternalKey.MAX_SEQUENCE));
    }

    @Benchmark
    public boolean bloomProbe() {
        return reader.mayContain(JmhSupport.key(random.nextInt(2 * ENTRIES), userKey));
    }

    @Benchmark
    public void iteratorNext(Blackhole bh) {
        if (!iterator.isValid()) {
            iterator.seekToFirst();
        }
        bh.consume(iterator.key());
        bh.consume(iterator.value());
        iterator.next();
    }
}
