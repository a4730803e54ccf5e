package dev.lsmkv.spring.issues;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.EngineStats;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.Snapshot;
import dev.lsmkv.engine.WriteBatch;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** An engine that counts the writes (each one WAL record, one fsync under ALWAYS) and scans it passes on. */
final class CountingEngine implements LsmEngine {
    private final LsmEngine delegate;
    final AtomicLong writes = new AtomicLong();
    final AtomicLong scans = new AtomicLong();

    CountingEngine(LsmEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        writes.incrementAndGet();
        delegate.put(key, value);
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        writes.incrementAndGet();
        delegate.put(key, value, ttl);
    }

    @Override
    public byte[] get(byte[] key) {
        return delegate.get(key);
    }

    @Override
    public void delete(byte[] key) {
        writes.incrementAndGet();
        delegate.delete(key);
    }

    @Override
    public void write(WriteBatch batch) {
        writes.incrementAndGet();
        delegate.write(batch);
    }

    @Override
    public Cursor scan(byte[] fromInclusive, byte[] toExclusive) {
        scans.incrementAndGet();
        return delegate.scan(fromInclusive, toExclusive);
    }

    @Override
    public Snapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void compact() {
        delegate.compact();
    }

    @Override
    public void checkpoint(java.nio.file.Path dir) {
        delegate.checkpoint(dir);
    }

    @Override
    public EngineStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
