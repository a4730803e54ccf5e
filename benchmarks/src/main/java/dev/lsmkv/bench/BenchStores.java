package dev.lsmkv.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The benchmark stores for runners outside this package (the YCSB runner in
 * {@code dev.lsmkv.bench.ycsb}): the same {@link Store} implementations, opened with the same
 * settings as {@link DbBench} opens them (LZ4, WAL on, non-durable writes), so that both runners
 * compare like with like. The store classes and {@link BenchConfig} stay package-private; this is
 * the one door to them.
 */
public final class BenchStores {

    private BenchStores() {
    }

    /**
     * Opens store {@code name} (lsmkv, rocksdb, mvstore, lmdb) in {@code dir} with non-durable
     * writes (lsmkv SyncMode.NONE, RocksDB sync=false), a block cache of {@code cacheBytes}, a write
     * buffer of {@code writeBufferBytes}, {@code bloomBits} bloom filter bits per key and, with
     * {@code mmapReads}, tables read through memory mappings (lsmkv and RocksDB); every other
     * setting as in {@link DbBench}.
     */
    public static Store open(String name, Path dir, long cacheBytes, long writeBufferBytes, int bloomBits,
            boolean mmapReads) throws Exception {
        BenchConfig config = BenchConfig.parse(new String[] {"--cache_size=" + cacheBytes,
                "--write_buffer_size=" + writeBufferBytes, "--bloom_bits=" + bloomBits, "--mmap_reads=" + mmapReads});
        Store store = DbBench.newStore(name);
        store.open(dir, config, false);
        return store;
    }

    /** The RocksDB version of the loaded native library, e.g. "11.8.1". */
    public static String rocksDbVersion() {
        return RocksDbStore.version();
    }

    /** "1-min 5-min 15-min" load average of the machine. */
    public static String loadAverage() {
        return Environment.loadAverage();
    }

    /**
     * The JIT compiler threads' accumulated compile time in ms ({@code CompilationMXBean}, the
     * compiler threads' times added up), -1 if the JVM does not keep it: what a measured phase
     * competed with for the CPU while code was still being compiled.
     */
    public static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** One line on the machine and JVM: cpus, cpu model, RAM, Java, OS, max heap. */
    public static String machine() {
        Environment env = Environment.capture();
        return env.processors + " cpus (" + env.cpu + "), " + env.memory + " RAM, " + env.os + "; Java " + env.java
                + ", max heap " + (env.maxHeap >> 20) + " MiB";
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        DbBench.deleteRecursively(dir);
    }
}
