package dev.lsmkv.bench;

import dev.lsmkv.engine.Compression;
import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * lsmkv through its public API only. Durable: {@link SyncMode#ALWAYS} (group commit);
 * otherwise {@link SyncMode#NONE}. Every other option is the engine default except those that
 * {@link BenchConfig} sets for all stores alike.
 */
final class LsmkvStore implements Store {

    private LsmEngine db;

    @Override
    public String name() {
        return "lsmkv";
    }

    @Override
    public void open(Path dir, BenchConfig config, boolean durable) {
        EngineOptions.Builder b = EngineOptions.builder();
        if (config.mmapWrites() != null) {
            b.walMmapWrites(config.mmapWrites());
        }
        EngineOptions options = b
                .walPreallocate(config.walPreallocate())
                .memtableSizeBytes(config.writeBufferSize())
                .blockCacheSizeBytes(config.cacheSize())
                .bloomBitsPerKey(config.bloomBits())
                .dynamicLevelBytes(config.dynamicLevels())
                .mmapReads(config.mmapReads())
                .compression(Compression.LZ4)
                .syncMode(durable ? SyncMode.ALWAYS : SyncMode.NONE)
                .build();
        db = LsmEngine.open(dir, options);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        db.put(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        return db.get(key);
    }

    @Override
    public void delete(byte[] key) {
        db.delete(key);
    }

    @Override
    public Scan scan(byte[] fromInclusive) {
        Cursor c = db.scan(fromInclusive, null);
        return new Scan() {
            @Override
            public boolean next() {
                return c.next();
            }

            @Override
            public byte[] key() {
                return c.key();
            }

            @Override
            public byte[] value() {
                return c.value();
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    @Override
    public void flush() {
        db.flush();
    }

    @Override
    public void compactAll() {
        db.flush();
        db.compact();
    }

    @Override
    public boolean awaitIdle(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long lastCompactions = -1;
        int quietPolls = 0;
        while (System.nanoTime() < deadline) {
            EngineStats s = db.stats();
            boolean due = s.immutableMemtables() > 0
                    || s.levels().stream().anyMatch(l -> l.score() >= 1.0);
            // Idle: nothing due and no compaction finished over the last two polls.
            quietPolls = (!due && s.compactions() == lastCompactions) ? quietPolls + 1 : 0;
            lastCompactions = s.compactions();
            if (quietPolls >= 2) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public double writeAmplification() {
        return db.stats().writeAmplification();
    }

    @Override
    public double stallSeconds() {
        return db.stats().stallMicros() / 1e6;
    }

    @Override
    public String writeNote() {
        EngineStats s = db.stats();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "stalls %.2f s", s.stallMicros() / 1e6));
        if (s.walSyncs() > 0) {
            b.append(String.format(Locale.ROOT, "; %d WAL fsyncs, %.2f writes/fsync", s.walSyncs(),
                    (double) s.batches() / s.walSyncs()));
        }
        return b.toString();
    }

    @Override
    public String shape() {
        EngineStats s = db.stats();
        StringBuilder b = new StringBuilder("files/level ");
        for (EngineStats.LevelStats l : s.levels()) {
            if (l.level() > 0) {
                b.append('/');
            }
            b.append(l.files());
        }
        b.append(String.format(Locale.ROOT, "; flushes %d, compactions %d, stalls %d (%.1f s); cache hit %.1f%%; bloom useful %d/%d",
                s.flushes(), s.compactions(), s.stalls(), s.stallMicros() / 1e6, 100 * s.blockCacheHitRatio(),
                s.bloomUseful(), s.bloomChecks()));
        return b.toString();
    }

    /** The engine's own counters, for the target checks and the report. */
    EngineStats stats() {
        return db.stats();
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
