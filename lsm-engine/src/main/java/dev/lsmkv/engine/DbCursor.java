package dev.lsmkv.engine;

import dev.lsmkv.engine.iterator.UserIterator;

/** A {@link Cursor} over a pinned {@link ReadView}; releases the view when closed. */
final class DbCursor implements Cursor {

    private final DbImpl db;
    private final UserIterator it;
    private final ReadView view;
    private boolean positioned;
    private boolean closed;

    DbCursor(DbImpl db, UserIterator it, ReadView view) {
        this.db = db;
        this.it = it;
        this.view = view;
    }

    @Override
    public boolean next() {
        checkUsable();
        positioned = it.next();
        return positioned;
    }

    @Override
    public byte[] key() {
        checkPositioned();
        return it.key();
    }

    @Override
    public byte[] value() {
        checkPositioned();
        return it.value();
    }

    @Override
    public java.time.Duration timeToLive() {
        checkPositioned();
        long expiresAt = it.expiresAtMillis();
        if (expiresAt == 0) {
            return null;
        }
        return java.time.Duration.ofMillis(Math.max(1, expiresAt - db.nowMillisForCursor()));
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        db.ensureOpen();
    }

    private void checkPositioned() {
        checkUsable();
        if (!positioned) {
            throw new IllegalStateException("cursor is not at an entry: call next() and check that it returned true");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                it.close();
            } finally {
                view.unref();
            }
        }
    }
}
