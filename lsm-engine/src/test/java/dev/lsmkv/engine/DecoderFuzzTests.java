package dev.lsmkv.engine;

import static dev.lsmkv.engine.AckModel.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.fail;

import dev.lsmkv.engine.base.InternalIterator;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.fs.CrashableFileSystem;
import dev.lsmkv.engine.fs.ReadableFile;
import dev.lsmkv.engine.fs.WritableFile;
import dev.lsmkv.engine.sstable.TableReader;
import dev.lsmkv.engine.version.VersionEdit;
import dev.lsmkv.engine.wal.LogFormat;
import dev.lsmkv.engine.wal.LogReader;
import dev.lsmkv.engine.wal.LogWriter;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of every decoder that reads bytes from disk: the SSTable reader
 * ({@code TableReader.open}, a full iteration and point gets), {@code LogReader}, {@code
 * VersionEdit.decode}, the WAL batch decoding ({@code WriteBatchCodec.decode}) and, end to end,
 * WAL replay by {@link LsmEngine#open}. Inputs are valid files and records written by the engine,
 * mutated (bit flips, interesting bytes and ints, truncation, insertion, deletion, duplication)
 * or replaced by random bytes. Each must give valid data or a {@link CorruptionException} (an
 * {@link LsmException} for a newer format): never another exception, an OutOfMemoryError from a
 * forged length, or a hang (each target runs under a timeout).
 *
 * <p>Iteration {@code i} uses {@code new Random(seed + i)}, so a failure is replayed with
 * {@code -Dlsmkv.seed=<seed>}; the message carries both and the input in hex.
 * {@code -Dlsmkv.fuzz.iterations=N} sets iterations per target (default 2000; replay runs N/10).
 */
class DecoderFuzzTests {

    private static final Path DIR = Path.of("/fuzz-db");
    private static final long SEED = Long.getLong("lsmkv.seed", System.nanoTime());
    private static final int ITERATIONS = Integer.getInteger("lsmkv.fuzz.iterations", 2_000);
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("lsmkv.fuzz.timeoutSeconds", 120));
    private static final StringBuilder REPORT = new StringBuilder();

    private static CrashableFileSystem corpus;
    private static List<byte[]> tables = new ArrayList<>();
    private static byte[] wal;
    private static List<byte[]> walRecords = new ArrayList<>();
    private static List<byte[]> manifestRecords = new ArrayList<>();

    // ---------------------------------------------------------------- corpus

    @BeforeAll
    static void buildCorpus() throws Exception {
        System.out.println("DecoderFuzzTests seed=" + SEED + ", iterations=" + ITERATIONS);
        for (Compression compression : Compression.values()) {
            CrashableFileSystem fs = new CrashableFileSystem();
            try (LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().compression(compression)
                    .blockSizeBytes(256).blockRestartInterval(4).fileSystem(fs).build())) {
                for (int i = 0; i < 60; i++) {
                    db.put(b(String.format("key%04d", i)), b("value-" + "ab".repeat(i % 7) + i));
                }
                db.put(b("ttl"), b("expiring"), Duration.ofDays(1));
                db.delete(b("key0003"));
                db.flush();
            }
            for (String name : fs.list(DIR)) {
                if (name.endsWith(".sst")) {
                    tables.add(CorruptionSweepIntegrationTests.read(fs, DIR.resolve(name)));
                }
            }
        }
        corpus = new CrashableFileSystem();
        try (LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(corpus).build())) {
            db.put(b("a"), b("1"));
            db.write(new WriteBatch().put(b("b"), b("2")).delete(b("a")).put(b("c"), b("3"), Duration.ofHours(1)));
            db.put(b("big"), new byte[40_000]); // FIRST, MIDDLE/LAST fragments across a 32 KiB block
            db.delete(b("c"));
            db.flush();
            db.put(b("d"), b("4"));
        }
        Path walPath = null;
        for (String name : corpus.list(DIR)) {
            if (name.endsWith(".log") && corpus.size(DIR.resolve(name)) > 0) {
                walPath = DIR.resolve(name);
            }
            if (name.startsWith("MANIFEST-")) {
                manifestRecords = records(CorruptionSweepIntegrationTests.read(corpus, DIR.resolve(name)),
                        LogFormat.MANIFEST_MAGIC);
            }
        }
        // The WAL left at close holds only "d"; rebuild a richer one from whole records.
        List<byte[]> batches = new ArrayList<>();
        long seq = 1;
        for (WriteBatch batch : List.of(new WriteBatch().put(b("a"), b("1")),
                new WriteBatch().put(b("b"), b("2")).delete(b("a")).put(b("c"), b("3"), Duration.ofHours(1)),
                new WriteBatch().put(b("big"), new byte[40_000]), new WriteBatch().delete(b("c")))) {
            dev.lsmkv.engine.util.ByteWriter out = new dev.lsmkv.engine.util.ByteWriter(64);
            WriteBatchCodec.encode(batch, seq, 1_000, out);
            batches.add(Arrays.copyOf(out.array(), out.size()));
            seq += batch.size();
        }
        walRecords = batches;
        wal = logFile(batches, LogFormat.WAL_MAGIC);
        assertThat(walPath).isNotNull();
        assertThat(tables).hasSize(2);
        assertThat(manifestRecords).isNotEmpty();
    }

    @AfterAll
    static void printReport() {
        System.out.print(REPORT);
    }

    // ---------------------------------------------------------------- targets

    @Test
    void tableReaderGivesDataOrCorruption() {
        fuzz("TableReader", ITERATIONS, rnd -> {
            byte[] input = rnd.nextInt(20) == 0 ? random(rnd, 1 + rnd.nextInt(2_000))
                    : mutate(tables.get(rnd.nextInt(tables.size())), rnd);
            return new Case(input, () -> {
                try (TableReader reader = TableReader.open(readable(input), DIR.resolve("000009.sst"), 9, null,
                        null)) {
                    try (InternalIterator it = reader.iterator()) {
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            assertThat(it.key()).isNotNull();
                            assertThat(it.value()).isNotNull();
                        }
                        it.seek(InternalKey.lookupKey(b("key0030"), InternalKey.MAX_SEQUENCE));
                    }
                    for (String k : List.of("key0000", "key0031", "key0059", "ttl", "zzz")) {
                        reader.get(InternalKey.lookupKey(b(k), InternalKey.MAX_SEQUENCE));
                    }
                }
            });
        });
    }

    @Test
    void logReaderGivesRecordsOrCorruption() {
        fuzz("LogReader", ITERATIONS, rnd -> {
            byte[] input = rnd.nextInt(20) == 0 ? random(rnd, rnd.nextInt(3_000)) : mutate(wal, rnd);
            return new Case(input, () -> {
                try (LogReader reader = new LogReader(readable(input), DIR.resolve("000005.log"),
                        LogFormat.WAL_MAGIC)) {
                    int n = 0;
                    while (reader.readRecord() != null) {
                        assertThat(++n).as("records").isLessThanOrEqualTo(input.length);
                    }
                }
            });
        });
    }

    @Test
    void versionEditDecodeGivesAnEditOrCorruption() {
        fuzz("VersionEdit.decode", ITERATIONS * 5, rnd -> {
            byte[] input = rnd.nextInt(20) == 0 ? random(rnd, rnd.nextInt(200))
                    : mutate(manifestRecords.get(rnd.nextInt(manifestRecords.size())), rnd);
            return new Case(input, () -> {
                VersionEdit edit = VersionEdit.decode(input);
                edit.toString();
            });
        });
    }

    @Test
    void writeBatchDecodeGivesOpsOrCorruption() {
        fuzz("WriteBatchCodec.decode", ITERATIONS * 5, rnd -> {
            byte[] input = rnd.nextInt(20) == 0 ? random(rnd, rnd.nextInt(200))
                    : mutate(walRecords.get(rnd.nextInt(walRecords.size())), rnd);
            return new Case(input, () -> WriteBatchCodec.decode(input, (seq, kind, key, value) -> {
                assertThat(kind).isNotNull();
                assertThat(key).isNotEmpty();
                assertThat(value).isNotNull();
            }));
        });
    }

    @Test
    void walReplayAtOpenGivesDataOrCorruption() {
        fuzz("WAL replay", Math.max(20, ITERATIONS / 10), rnd -> {
            List<byte[]> records = new ArrayList<>(walRecords.subList(0, 2));
            records.add(mutate(walRecords.get(rnd.nextInt(2)), rnd)); // valid framing, forged payload
            if (rnd.nextBoolean()) {
                records.add(walRecords.get(3));
            }
            byte[] input = logFile(records, LogFormat.WAL_MAGIC);
            return new Case(input, () -> {
                CrashableFileSystem fs = corpus.copy();
                Path walPath = null;
                for (String name : fs.list(DIR)) {
                    if (name.endsWith(".log")) {
                        walPath = DIR.resolve(name);
                    }
                }
                CorruptionSweepIntegrationTests.write(fs, walPath, input);
                try (LsmEngine db = LsmEngine.open(DIR, EngineOptions.builder().fileSystem(fs).build())) {
                    try (Cursor c = db.scan(null, null)) {
                        while (c.next()) {
                            assertThat(c.key()).isNotEmpty();
                        }
                    }
                    db.get(b("a"));
                } catch (CorruptionException e) {
                    assertThat(e.getMessage()).contains(walPath.getFileName().toString());
                    throw e;
                }
            });
        });
    }

    // ---------------------------------------------------------------- the loop

    private record Case(byte[] input, ThrowingRunnable run) {
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    interface CaseMaker {
        Case make(Random rnd) throws Exception;
    }

    private static void fuzz(String target, int iterations, CaseMaker maker) {
        int[] outcomes = new int[2]; // {accepted, corruption}
        long started = System.nanoTime();
        assertTimeoutPreemptively(TIMEOUT, () -> {
            for (int i = 0; i < iterations; i++) {
                Case c = maker.make(new Random(SEED + i));
                try {
                    c.run().run();
                    outcomes[0]++;
                } catch (CorruptionException e) {
                    outcomes[1]++;
                } catch (LsmException e) {
                    if (!e.getMessage().contains("newer")) {
                        throw failure(target, i, c, e);
                    }
                    outcomes[1]++;
                } catch (AssertionError e) {
                    throw failure(target, i, c, e);
                } catch (Throwable e) { // IOException, RuntimeException, OutOfMemoryError, StackOverflowError
                    throw failure(target, i, c, e);
                }
            }
        }, () -> target + ": no answer within " + TIMEOUT + " (a hang?), seed " + SEED);
        String line = String.format("DecoderFuzz %s: %d inputs, %d accepted, %d corruption, %d ms, seed %d%n",
                target, iterations, outcomes[0], outcomes[1], (System.nanoTime() - started) / 1_000_000, SEED);
        synchronized (REPORT) {
            REPORT.append(line);
        }
    }

    private static AssertionError failure(String target, int i, Case c, Throwable e) {
        String hex = HexFormat.of().formatHex(c.input(), 0, Math.min(c.input().length, 512));
        return new AssertionError(target + " threw " + e + " (seed " + SEED + ", iteration " + i + ", input "
                + c.input().length + " bytes: " + hex + (c.input().length > 512 ? "..." : "") + ")", e);
    }

    // ---------------------------------------------------------------- inputs

    private static final int[] INTERESTING_INTS = {0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF,
            0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 32 * 1024, 64 * 1024 * 1024};

    static byte[] mutate(byte[] original, Random rnd) {
        byte[] a = original.clone();
        int mutations = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 8 : 2);
        for (int m = 0; m < mutations && a.length > 0; m++) {
            int pos = rnd.nextInt(a.length);
            switch (rnd.nextInt(8)) {
                case 0 -> a[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> a[pos] = (byte) rnd.nextInt(256);
                case 2 -> a[pos] = (byte) INTERESTING_INTS[rnd.nextInt(6)];
                case 3 -> {
                    int v = INTERESTING_INTS[rnd.nextInt(INTERESTING_INTS.length)];
                    for (int k = 0; k < 4 && pos + k < a.length; k++) {
                        a[pos + k] = (byte) (v >>> (8 * k));
                    }
                }
                case 4 -> a = Arrays.copyOf(a, pos); // truncate
                case 5 -> { // insert
                    byte[] extra = random(rnd, 1 + rnd.nextInt(16));
                    byte[] out = new byte[a.length + extra.length];
                    System.arraycopy(a, 0, out, 0, pos);
                    System.arraycopy(extra, 0, out, pos, extra.length);
                    System.arraycopy(a, pos, out, pos + extra.length, a.length - pos);
                    a = out;
                }
                case 6 -> { // delete a range
                    int len = Math.min(a.length - pos, 1 + rnd.nextInt(16));
                    byte[] out = new byte[a.length - len];
                    System.arraycopy(a, 0, out, 0, pos);
                    System.arraycopy(a, pos + len, out, pos, a.length - pos - len);
                    a = out;
                }
                default -> { // copy a range over another
                    int from = rnd.nextInt(a.length);
                    int len = Math.min(Math.min(a.length - from, a.length - pos), 1 + rnd.nextInt(32));
                    System.arraycopy(a.clone(), from, a, pos, len);
                }
            }
        }
        return a;
    }

    static byte[] random(Random rnd, int n) {
        byte[] a = new byte[n];
        rnd.nextBytes(a);
        return a;
    }

    private static List<byte[]> records(byte[] file, long magic) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (LogReader reader = new LogReader(readable(file), DIR.resolve("corpus"), magic)) {
            for (byte[] r; (r = reader.readRecord()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    private static byte[] logFile(List<byte[]> records, long magic) throws IOException {
        CrashableFileSystem fs = new CrashableFileSystem();
        fs.createDirectories(DIR);
        Path p = DIR.resolve("tmp.log");
        try (WritableFile f = fs.create(p)) {
            LogWriter w = new LogWriter(f, p, magic);
            for (byte[] r : records) {
                w.addRecord(r);
            }
            w.flush();
        }
        return CorruptionSweepIntegrationTests.read(fs, p);
    }

    static ReadableFile readable(byte[] data) {
        return new ReadableFile() {
            @Override
            public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
                if (position < 0 || position + length > data.length) {
                    throw new EOFException("read of " + length + " bytes at " + position + " past the end ("
                            + data.length + ")");
                }
                System.arraycopy(data, (int) position, dst, offset, length);
            }

            @Override
            public long size() {
                return data.length;
            }

            @Override
            public void close() {
            }
        };
    }
}
