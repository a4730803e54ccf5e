package dev.lsmkv.spring.metrics;

import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Publishes an engine's {@link EngineStats} as {@code lsm.*} meters: function counters over its
 * monotonic counters and gauges over its sizes, all tagged {@code name=<engine>} (plus any extra
 * tags), so several engines can share a registry. Stats are read at most once per
 * {@link #REFRESH_NANOS} however many meters a scrape reads.
 *
 * <table>
 * <caption>meters</caption>
 * <tr><td>lsm.operations</td><td>counter, tag operation = put | get | delete | scan | batch</td></tr>
 * <tr><td>lsm.bytes.written</td><td>counter (bytes), tag kind = user | wal | flush | compaction</td></tr>
 * <tr><td>lsm.compaction.bytes.read</td><td>counter (bytes)</td></tr>
 * <tr><td>lsm.wal.syncs, lsm.flushes, lsm.compactions, lsm.stalls</td><td>counters</td></tr>
 * <tr><td>lsm.stall.time</td><td>counter (seconds)</td></tr>
 * <tr><td>lsm.bloom.checks</td><td>counter, tag result = useful | useless</td></tr>
 * <tr><td>lsm.cache.gets</td><td>counter, tag result = hit | miss; lsm.cache.evictions counter</td></tr>
 * <tr><td>lsm.cache.size, lsm.live.data.size, lsm.memtable.size, lsm.wal.size</td><td>gauges (bytes)</td></tr>
 * <tr><td>lsm.cache.hit.ratio, lsm.write.amplification</td><td>gauges</td></tr>
 * <tr><td>lsm.memtables.immutable, lsm.snapshots, lsm.background.error</td><td>gauges (error: 1 or 0)</td></tr>
 * <tr><td>lsm.level.files, lsm.level.size</td><td>gauges, tag level</td></tr>
 * </table>
 */
public class LsmMetrics implements MeterBinder {

    static final long REFRESH_NANOS = 1_000_000_000L;
    private static final int LEVELS = 7;

    private final LsmEngine engine;
    private final Tags tags;
    private volatile EngineStats cached;
    private volatile long cachedAt;

    public LsmMetrics(LsmEngine engine, String name, Iterable<Tag> extraTags) {
        this.engine = engine;
        this.tags = Tags.of("name", name).and(extraTags);
    }

    EngineStats stats() {
        long now = System.nanoTime();
        EngineStats s = cached;
        if (s == null || now - cachedAt > REFRESH_NANOS) {
            try {
                s = engine.stats();
            } catch (IllegalStateException closed) {
                return s; // engine closed: keep the last values
            }
            cached = s;
            cachedAt = now;
        }
        return s;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "lsm.operations", "operation", "put", BaseUnits.OPERATIONS, EngineStats::puts);
        counter(registry, "lsm.operations", "operation", "get", BaseUnits.OPERATIONS, EngineStats::gets);
        counter(registry, "lsm.operations", "operation", "delete", BaseUnits.OPERATIONS, EngineStats::deletes);
        counter(registry, "lsm.operations", "operation", "scan", BaseUnits.OPERATIONS, EngineStats::scans);
        counter(registry, "lsm.operations", "operation", "batch", BaseUnits.OPERATIONS, EngineStats::batches);
        counter(registry, "lsm.bytes.written", "kind", "user", BaseUnits.BYTES, EngineStats::userBytesWritten);
        counter(registry, "lsm.bytes.written", "kind", "wal", BaseUnits.BYTES, EngineStats::walBytesWritten);
        counter(registry, "lsm.bytes.written", "kind", "flush", BaseUnits.BYTES, EngineStats::bytesFlushed);
        counter(registry, "lsm.bytes.written", "kind", "compaction", BaseUnits.BYTES, EngineStats::compactionBytesWritten);
        counter(registry, "lsm.compaction.bytes.read", null, null, BaseUnits.BYTES, EngineStats::compactionBytesRead);
        counter(registry, "lsm.wal.syncs", null, null, null, EngineStats::walSyncs);
        counter(registry, "lsm.flushes", null, null, null, EngineStats::flushes);
        counter(registry, "lsm.compactions", null, null, null, EngineStats::compactions);
        counter(registry, "lsm.stalls", null, null, null, EngineStats::stalls);
        counter(registry, "lsm.stall.time", null, null, "seconds", s -> s.stallMicros() / 1e6);
        counter(registry, "lsm.bloom.checks", "result", "useful", null, EngineStats::bloomUseful);
        counter(registry, "lsm.bloom.checks", "result", "useless", null, s -> s.bloomChecks() - s.bloomUseful());
        counter(registry, "lsm.cache.gets", "result", "hit", null, EngineStats::blockCacheHits);
        counter(registry, "lsm.cache.gets", "result", "miss", null, EngineStats::blockCacheMisses);
        counter(registry, "lsm.cache.evictions", null, null, null, EngineStats::blockCacheEvictions);
        gauge(registry, "lsm.cache.size", Tags.empty(), BaseUnits.BYTES, EngineStats::blockCacheBytes);
        gauge(registry, "lsm.cache.hit.ratio", Tags.empty(), null, EngineStats::blockCacheHitRatio);
        gauge(registry, "lsm.write.amplification", Tags.empty(), null, EngineStats::writeAmplification);
        gauge(registry, "lsm.space.amplification", Tags.empty(), null, EngineStats::spaceAmplification);
        gauge(registry, "lsm.live.data.size", Tags.empty(), BaseUnits.BYTES, EngineStats::liveDataBytes);
        gauge(registry, "lsm.memtable.size", Tags.empty(), BaseUnits.BYTES, EngineStats::memtableBytes);
        gauge(registry, "lsm.memtable.entries", Tags.empty(), "entries", EngineStats::memtableEntries);
        gauge(registry, "lsm.memtables.immutable", Tags.empty(), null, EngineStats::immutableMemtables);
        gauge(registry, "lsm.wal.size", Tags.empty(), BaseUnits.BYTES, EngineStats::walBytes);
        gauge(registry, "lsm.snapshots", Tags.empty(), null, EngineStats::snapshots);
        gauge(registry, "lsm.background.error", Tags.empty(), null, s -> s.backgroundError() == null ? 0 : 1);
        for (int level = 0; level < LEVELS; level++) {
            int l = level;
            Tags levelTag = Tags.of("level", Integer.toString(level));
            gauge(registry, "lsm.level.files", levelTag, BaseUnits.FILES,
                    s -> l < s.levels().size() ? s.levels().get(l).files() : 0);
            gauge(registry, "lsm.level.size", levelTag, BaseUnits.BYTES,
                    s -> l < s.levels().size() ? s.levels().get(l).bytes() : 0);
        }
    }

    private void counter(MeterRegistry registry, String name, String tagKey, String tagValue, String unit,
            ToDoubleFunction<EngineStats> f) {
        FunctionCounter.Builder<LsmMetrics> b = FunctionCounter.builder(name, this, m -> {
            EngineStats s = m.stats();
            return s == null ? 0 : f.applyAsDouble(s);
        }).tags(tags);
        if (tagKey != null) {
            b.tag(tagKey, tagValue);
        }
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }

    private void gauge(MeterRegistry registry, String name, Tags extra, String unit, ToDoubleFunction<EngineStats> f) {
        Gauge.Builder<LsmMetrics> b = Gauge.builder(name, this, m -> {
            EngineStats s = m.stats();
            return s == null ? Double.NaN : f.applyAsDouble(s);
        }).tags(tags).tags(extra).strongReference(true);
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }
}
