package dev.lsmkv.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.GetOp;
import org.lmdbjava.Meta;
import org.lmdbjava.Stat;
import org.lmdbjava.Txn;

/**
 * LMDB (a copy-on-write B+tree in one memory-mapped file) through lmdbjava, a secondary
 * comparison: not an LSM tree, no write-ahead log, no compression, no bloom filter and no block
 * cache of its own (reads go through the mmap, so its cache is the OS page cache); only the
 * key and value sizes of {@link BenchConfig} apply.
 *
 * <p>One environment ({@code MDB_NOTLS}, map size 64 GiB or 16× the data if larger; the file
 * grows only as pages are written) and one database. Every put or delete is its own write
 * transaction, taken under one lock. Durable: each commit is synchronous (data and meta page
 * fsync'd; LMDB has no group commit). Otherwise {@code MDB_NOSYNC | MDB_NOMETASYNC}: commits
 * write to the OS page cache and are fsync'd only on {@link #flush} or close, like a WAL left in
 * the OS by the LSM stores.
 *
 * <p>Reads: each thread keeps one read-only transaction, renewed for a get or scan and reset
 * right after (a reset transaction keeps its reader slot but pins no snapshot); values are copied
 * out of the map before the reset. Keys and values cross into LMDB as direct {@link ByteBuffer}s
 * (lmdbjava's Unsafe proxy, no allocation per call).
 */
final class LmdbStore implements Store {

    private static final long MIN_MAP_SIZE = 64L << 30;

    private final Object writeLock = new Object();
    /** Every thread's reader, to close them with the store (and those of threads that ended). */
    private final Map<Thread, Reader> readers = new ConcurrentHashMap<>();
    private ThreadLocal<Reader> reader;
    private Env<ByteBuffer> env;
    private Dbi<ByteBuffer> dbi;
    private boolean durable;
    private long txnIdAtOpen;
    /** Guarded by writeLock. */
    private ByteBuffer writeKey;
    /** Guarded by writeLock. */
    private ByteBuffer writeValue;

    /** One thread's read-only transaction (reset while idle), its cursor and key buffer. */
    private final class Reader {
        final Txn<ByteBuffer> txn;
        final ByteBuffer key;
        Cursor<ByteBuffer> cursor;
        /** The transaction is renewed and held by an open scan. */
        boolean inScan;

        Reader() {
            txn = env.txnRead();
            txn.reset();
            key = ByteBuffer.allocateDirect(env.getMaxKeySize());
        }

        void close() {
            if (cursor != null) {
                cursor.close();
            }
            if (!inScan) {
                txn.renew(); // lmdbjava frees the reader slot only when closing a renewed transaction
            }
            txn.close();
        }
    }

    @Override
    public String name() {
        return "lmdb";
    }

    /** The LMDB version of the bundled native library, e.g. "0.9.31". */
    static String version() {
        Meta.Version v = Meta.version();
        return v.major + "." + v.minor + "." + v.patch;
    }

    @Override
    public void open(Path dir, BenchConfig config, boolean durable) {
        this.durable = durable;
        long data = config.num() * (BenchConfig.KEY_SIZE + config.valueSize());
        EnvFlags[] flags = durable ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC};
        env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                .setMapSize(Math.max(MIN_MAP_SIZE, 16 * data))
                .setMaxDbs(1)
                .open(dir.toFile(), flags);
        dbi = env.openDbi("data", DbiFlags.MDB_CREATE);
        txnIdAtOpen = env.info().lastTransactionId;
        reader = ThreadLocal.withInitial(this::newReader);
        writeKey = ByteBuffer.allocateDirect(env.getMaxKeySize());
        writeValue = ByteBuffer.allocateDirect(Math.max(1, config.valueSize()));
    }

    /** A reader for the calling thread; first closes those of threads that have ended. */
    private Reader newReader() {
        readers.forEach((thread, r) -> {
            if (!thread.isAlive() && readers.remove(thread, r)) {
                r.close();
            }
        });
        Reader r = new Reader();
        readers.put(Thread.currentThread(), r);
        return r;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        synchronized (writeLock) {
            if (writeValue.capacity() < value.length) {
                writeValue = ByteBuffer.allocateDirect(value.length);
            }
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                dbi.put(txn, fill(writeKey, key), fill(writeValue, value));
                txn.commit();
            }
        }
    }

    @Override
    public byte[] get(byte[] key) {
        Reader r = reader.get();
        ByteBuffer k = fill(r.key, key);
        if (r.inScan) { // this thread's transaction is held by a scan: read in a transaction of its own
            try (Txn<ByteBuffer> txn = env.txnRead()) {
                return copy(dbi.get(txn, k));
            }
        }
        r.txn.renew();
        try {
            return copy(dbi.get(r.txn, k));
        } finally {
            r.txn.reset();
        }
    }

    @Override
    public void delete(byte[] key) {
        synchronized (writeLock) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                dbi.delete(txn, fill(writeKey, key));
                txn.commit();
            }
        }
    }

    @Override
    public Scan scan(byte[] fromInclusive) {
        Reader r = reader.get();
        boolean own = r.inScan; // a second scan on this thread gets a transaction and cursor of its own
        Txn<ByteBuffer> txn;
        Cursor<ByteBuffer> cursor;
        if (own) {
            txn = env.txnRead();
            cursor = dbi.openCursor(txn);
        } else {
            r.inScan = true;
            txn = r.txn;
            txn.renew();
            if (r.cursor == null) {
                r.cursor = dbi.openCursor(txn);
            } else {
                r.cursor.renew(txn);
            }
            cursor = r.cursor;
        }
        boolean positioned = fromInclusive == null ? cursor.first()
                : cursor.get(fill(r.key, fromInclusive), GetOp.MDB_SET_RANGE);
        return new Scan() {
            private boolean started;
            private boolean closed;

            @Override
            public boolean next() {
                if (started) {
                    return cursor.next();
                }
                started = true;
                return positioned;
            }

            @Override
            public byte[] key() {
                return copy(cursor.key());
            }

            @Override
            public byte[] value() {
                return copy(cursor.val());
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                if (own) {
                    cursor.close();
                    txn.close();
                } else {
                    txn.reset();
                    r.inScan = false;
                }
            }
        };
    }

    private static ByteBuffer fill(ByteBuffer buffer, byte[] bytes) {
        return buffer.clear().put(bytes).flip();
    }

    /** The bytes of a buffer that points into the map, copied while its transaction is live. */
    private static byte[] copy(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(b.position(), bytes);
        return bytes;
    }

    @Override
    public void flush() {
        env.sync(true);
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
        return (env.info().lastTransactionId - txnIdAtOpen) + " write txns"
                + (durable ? ", each commit synced (no group commit)" : ", MDB_NOSYNC");
    }

    @Override
    public String shape() {
        Stat s;
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            s = dbi.stat(txn);
        }
        EnvInfo info = env.info();
        return String.format(Locale.ROOT, "B+tree depth %d, %d entries; pages branch %d / leaf %d / overflow %d of %d B; "
                        + "last page %d; map %d MiB; reader slots %d of %d", s.depth, s.entries, s.branchPages,
                s.leafPages, s.overflowPages, s.pageSize, info.lastPageNumber, info.mapSize >> 20, info.numReaders,
                info.maxReaders);
    }

    @Override
    public void close() {
        if (env != null) {
            readers.values().forEach(Reader::close);
            readers.clear();
            env.close();
            env = null;
            dbi = null;
            reader = null;
        }
    }
}
