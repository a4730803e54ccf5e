package dev.lsmkv.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.HistogramType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksObject;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.TickerType;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through rocksdbjni, set up to match lsmkv: LZ4 blocks of 4 KiB, a 10-bit bloom filter
 * (BlockBasedTableConfig + BloomFilter(10)), an LRU block cache of the same size, the WAL on,
 * a 64 MiB write buffer with up to 2 immutable ones waiting (lsmkv's maxImmutableMemtables),
 * and lsmkv's LSM shape: 8 MiB SSTables, L1 of 64 MiB, x10 per level, L0 triggers 4/8/12 and
 * dynamic level sizes as lsmkv (level_compaction_dynamic_level_bytes, both stores' default;
 * {@code --dynamic_levels=false} makes both fixed), and tables read through memory mappings in both
 * with {@code --mmap_reads=true} (allow_mmap_reads; positional reads otherwise). Everything else is RocksDB's
 * default (2 background jobs, index and filter blocks held by the table reader, not the cache).
 *
 * <p>Durable writes use {@code WriteOptions.setSync(true)}; otherwise {@code sync=false}. Ticker
 * statistics (no histograms) give the flush and compaction bytes for write amplification.
 */
final class RocksDbStore implements Store {

    static {
        RocksDB.loadLibrary();
    }

    private final List<RocksObject> resources = new ArrayList<>();
    private final LongAdder userBytes = new LongAdder();
    private RocksDB db;
    private WriteOptions writeOptions;
    private ReadOptions readOptions;
    private Statistics statistics;

    @Override
    public String name() {
        return "rocksdb";
    }

    /** The RocksDB version of the loaded native library, e.g. "11.8.1". */
    static String version() {
        return RocksDB.rocksdbVersion().toString();
    }

    @Override
    public void open(Path dir, BenchConfig config, boolean durable) throws RocksDBException {
        LRUCache cache = keep(new LRUCache(config.cacheSize()));
        BloomFilter bloom = keep(new BloomFilter(config.bloomBits(), false));
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(bloom)
                .setBlockSize(4 * 1024);
        statistics = keep(new Statistics(EnumSet.allOf(HistogramType.class)));
        statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
        Options options = keep(new Options());
        options.setCreateIfMissing(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(config.writeBufferSize())
                .setMaxWriteBufferNumber(3)
                .setTargetFileSizeBase(8L << 20)
                .setMaxBytesForLevelBase(64L << 20)
                .setMaxBytesForLevelMultiplier(10)
                .setLevelCompactionDynamicLevelBytes(config.dynamicLevels())
                .setAllowMmapReads(config.mmapReads())
                .setLevel0FileNumCompactionTrigger(4)
                .setLevel0SlowdownWritesTrigger(8)
                .setLevel0StopWritesTrigger(12)
                .setStatistics(statistics)
                .setTableFormatConfig(table);
        if (config.mmapWrites() != null && !durable) {
            options.setAllowMmapWrites(config.mmapWrites()); // RocksDB syncs a mapped WAL only through SyncWAL
        }
        writeOptions = keep(new WriteOptions().setSync(durable));
        readOptions = keep(new ReadOptions());
        db = RocksDB.open(options, dir.toString());
    }

    private <T extends RocksObject> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
        userBytes.add(key.length + value.length);
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(readOptions, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(byte[] key) {
        try {
            db.delete(writeOptions, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Scan scan(byte[] fromInclusive) {
        RocksIterator it = db.newIterator(readOptions);
        if (fromInclusive == null) {
            it.seekToFirst();
        } else {
            it.seek(fromInclusive);
        }
        return new Scan() {
            private boolean started;

            @Override
            public boolean next() {
                if (started) {
                    it.next();
                } else {
                    started = true;
                }
                return it.isValid();
            }

            @Override
            public byte[] key() {
                return it.key();
            }

            @Override
            public byte[] value() {
                return it.value();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public void flush() {
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Flush, then CompactRange over all keys with the bottommost level forced: a rewrite of all the
     * data, as lsmkv's compact() does (RocksDB's default would skip bottommost files).
     */
    @Override
    public void compactAll() {
        flush();
        try (CompactRangeOptions o = new CompactRangeOptions()
                .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
            db.compactRange(null, null, null, o);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean awaitIdle(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        int quietPolls = 0;
        while (System.nanoTime() < deadline) {
            try {
                long busy = db.getLongProperty("rocksdb.num-running-compactions")
                        + db.getLongProperty("rocksdb.num-running-flushes")
                        + db.getLongProperty("rocksdb.compaction-pending")
                        + db.getLongProperty("rocksdb.mem-table-flush-pending");
                quietPolls = busy == 0 ? quietPolls + 1 : 0;
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
            if (quietPolls >= 2) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public double writeAmplification() {
        long user = userBytes.sum();
        if (user == 0) {
            return 0;
        }
        long written = statistics.getTickerCount(TickerType.FLUSH_WRITE_BYTES)
                + statistics.getTickerCount(TickerType.COMPACT_WRITE_BYTES);
        return (double) written / user;
    }

    @Override
    public double stallSeconds() {
        return statistics.getTickerCount(TickerType.STALL_MICROS) / 1e6;
    }

    @Override
    public String writeNote() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "stalls %.2f s",
                statistics.getTickerCount(TickerType.STALL_MICROS) / 1e6));
        long syncs = statistics.getTickerCount(TickerType.WAL_FILE_SYNCED);
        if (syncs > 0) {
            long writes = statistics.getTickerCount(TickerType.WRITE_DONE_BY_SELF)
                    + statistics.getTickerCount(TickerType.WRITE_DONE_BY_OTHER);
            b.append(String.format(Locale.ROOT, "; %d WAL fsyncs, %.2f writes/fsync", syncs, (double) writes / syncs));
        }
        return b.toString();
    }

    @Override
    public String shape() {
        StringBuilder b = new StringBuilder("files/level ");
        try {
            for (int level = 0; level < 7; level++) {
                if (level > 0) {
                    b.append('/');
                }
                b.append(db.getProperty("rocksdb.num-files-at-level" + level));
            }
            long hits = statistics.getTickerCount(TickerType.BLOCK_CACHE_HIT);
            long misses = statistics.getTickerCount(TickerType.BLOCK_CACHE_MISS);
            b.append(String.format(Locale.ROOT, "; stalls %.1f s; cache hit %.1f%%; bloom useful %d",
                    statistics.getTickerCount(TickerType.STALL_MICROS) / 1e6,
                    hits + misses == 0 ? 0.0 : 100.0 * hits / (hits + misses),
                    statistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL)));
        } catch (RocksDBException e) {
            b.append(" (").append(e.getMessage()).append(')');
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
            db = null;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        resources.clear();
        userBytes.reset();
    }
}
