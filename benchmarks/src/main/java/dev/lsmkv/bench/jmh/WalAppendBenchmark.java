package dev.lsmkv.bench.jmh;

import dev.lsmkv.engine.fs.NioFileSystem;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogWriter;
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

/**
 * Write-ahead log appends (internal class {@code dev.lsmkv.engine.wal.LogWriter} over the NIO
 * file system), without fsync: {@link #appendAndFlush} frames one record of {@code payload} bytes
 * (about one put of a 16-byte key and a 100-byte value as a batch) and hands it to the OS, which
 * is what a lone {@code SyncMode.NONE} writer pays per put; {@link #frameOnly} only frames
 * (CRC32C + copy into the buffer), flushing every 256 records, which is the per-record cost when
 * group commit batches writers. The log is rolled to a new file every 64 MiB.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main WalAppendBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WalAppendBenchmark {

    private static final long ROLL_BYTES = 64L << 20;

    @Param({"140"})
    public int payload;

    private Path dir;
    private Path file;
    private LogWriter writer;
    private byte[] record;
    private int unflushed;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = JmhSupport.tempDir("lsmkv-jmh-wal");
        file = dir.resolve("bench.log");
        record = new byte[payload];
        new SplittableRandom(301).nextBytes(record);
        roll();
    }

    private void roll() throws IOException {
        if (writer != null) {
            writer.close();
        }
        WritableFile f = NioFileSystem.INSTANCE.create(file);
        writer = new LogWriter(f, file, LogFormat.WAL_MAGIC);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        JmhSupport.delete(dir);
    }

    @Benchmark
    public void appendAndFlush() throws IOException {
        writer.addRecord(record);
        writer.flush();
        if (writer.size() > ROLL_BYTES) {
            roll();
        }
    }

    @Benchmark
    public void frameOnly() throws IOException {
        writer.addRecord(record);
        if (++unflushed == 256) {
            unflushed = 0;
            writer.flush();
            if (writer.size() > ROLL_BYTES) {
                roll();
            }
        }
    }
}
