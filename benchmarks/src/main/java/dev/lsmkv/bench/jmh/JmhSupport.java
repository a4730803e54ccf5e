package dev.lsmkv.bench.jmh;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Shared set-up of the JMH benchmarks: db_bench keys and values, engines in temp directories
 * ({@link TempEngine}), temp directories and their deletion.
 */
final class JmhSupport {

    static final int KEY_SIZE = 16;
    static final int VALUE_SIZE = 100;

    private JmhSupport() {
    }

    /** Writes {@code index} as 16 zero-padded ASCII digits into {@code key}. */
    static byte[] key(long index, byte[] key) {
        long v = index;
        for (int i = KEY_SIZE - 1; i >= 0; i--) {
            key[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return key;
    }

    /** A new 16-byte key for {@code index}, for structures that keep the array they are given. */
    static byte[] newKey(long index) {
        return key(index, new byte[KEY_SIZE]);
    }

    /** A key absent from every fill that still sorts among the present keys (last digit is '.'). */
    static byte[] missingKey(long index, byte[] key) {
        key(index, key);
        key[KEY_SIZE - 1] = '.';
        return key;
    }

    /** A 100-byte value: 50 random bytes, then the same 50 again (compression ratio 0.5). */
    static byte[] value(SplittableRandom random) {
        byte[] v = new byte[VALUE_SIZE];
        for (int i = 0; i < VALUE_SIZE / 2; i++) {
            v[i] = (byte) random.nextInt(256);
        }
        System.arraycopy(v, 0, v, VALUE_SIZE / 2, VALUE_SIZE / 2);
        return v;
    }

    /** The benchmark settings of docs/benchmarks.md: 64 MiB memtable and cache, LZ4, 10-bit bloom, SyncMode.NONE. */
    static LsmEngine open(Path dir) {
        return LsmEngine.open(dir, EngineOptions.builder()
                .memtableSizeBytes(64L << 20)
                .blockCacheSizeBytes(64L << 20)
                .bloomBitsPerKey(10)
                .compression(Compression.LZ4)
                .syncMode(SyncMode.NONE)
                .build());
    }

    /** Opens an engine in {@code dir} and writes keys [0, n) in shuffled order, then flushes. */
    static LsmEngine openFilled(Path dir, int n) {
        LsmEngine db = open(dir);
        SplittableRandom random = new SplittableRandom(301);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        byte[] key = new byte[KEY_SIZE];
        byte[] value = value(random);
        for (int i : order) {
            db.put(key(i, key), value);
        }
        db.flush();
        return db;
    }

    /** An engine in its own temp directory; {@link #close} closes it and deletes the directory. */
    record TempEngine(Path dir, LsmEngine db) implements AutoCloseable {

        /** An empty engine with the benchmark settings ({@link JmhSupport#open}). */
        static TempEngine empty(String prefix) throws IOException {
            Path dir = tempDir(prefix);
            return new TempEngine(dir, open(dir));
        }

        /** An engine holding keys [0, n), written in shuffled order and flushed ({@link JmhSupport#openFilled}). */
        static TempEngine filled(String prefix, int n) throws IOException {
            Path dir = tempDir(prefix);
            return new TempEngine(dir, openFilled(dir, n));
        }

        @Override
        public void close() throws IOException {
            db.close();
            delete(dir);
        }
    }

    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
