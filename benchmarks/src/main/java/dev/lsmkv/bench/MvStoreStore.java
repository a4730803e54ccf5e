package dev.lsmkv.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore (a copy-on-write B-tree in one append-only file), a secondary comparison: not an
 * LSM tree and without a write-ahead log, so several settings cannot match. Page cache of
 * {@code cacheSize}; compression is MVStore's LZF ({@code compress()}), not LZ4; no bloom filter.
 * Non-durable writes are committed by MVStore's background auto-commit (every second): a crash
 * loses up to that much, more than lsmkv's or RocksDB's non-durable mode, which keep a WAL in the
 * OS. Durable writes {@code commit()} and {@code sync()} after every put, serialized (a commit
 * writes a new chunk of the file). Write amplification: n/a.
 */
final class MvStoreStore implements Store {

    private MVStore store;
    private MVMap<byte[], byte[]> map;
    private boolean durable;
    private final Object commitLock = new Object();

    @Override
    public String name() {
        return "mvstore";
    }

    @Override
    public void open(Path dir, BenchConfig config, boolean durable) {
        this.durable = durable;
        store = new MVStore.Builder()
                .fileName(dir.resolve("store.mv").toString())
                .cacheSize((int) Math.max(1, config.cacheSize() >> 20))
                .compress()
                .open();
        map = store.openMap("data", new MVMap.Builder<byte[], byte[]>()
                .keyType(ByteArrayDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        // MVMap keeps the arrays it is given; the runner reuses its key array.
        map.put(key.clone(), value.clone());
        if (durable) {
            synchronized (commitLock) {
                store.commit();
                store.sync();
            }
        }
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] v = map.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key.clone());
    }

    @Override
    public Scan scan(byte[] fromInclusive) {
        Cursor<byte[], byte[]> c = map.cursor(fromInclusive == null ? null : fromInclusive.clone());
        return new Scan() {
            private byte[] key;

            @Override
            public boolean next() {
                if (!c.hasNext()) {
                    return false;
                }
                key = c.next();
                return true;
            }

            @Override
            public byte[] key() {
                return key.clone();
            }

            @Override
            public byte[] value() {
                return c.getValue().clone();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void flush() {
        store.commit();
        store.sync();
    }

    @Override
    public boolean awaitIdle(Duration maxWait) {
        return true;
    }

    @Override
    public double writeAmplification() {
        return Double.NaN;
    }

    @Override
    public String writeNote() {
        return "";
    }

    @Override
    public String shape() {
        return "B-tree, fill rate " + store.getFillRate() + "%";
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
            map = null;
        }
    }
}
