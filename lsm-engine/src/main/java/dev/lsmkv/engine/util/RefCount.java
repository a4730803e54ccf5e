package dev.lsmkv.engine.util;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference count that starts at one (the creator's reference) and, once it has fallen to
 * zero, can never be raised again: what lock-free readers use to pin a shared object that its
 * owner may release at any moment. Thread-safe.
 */
public final class RefCount {

    private final AtomicInteger count = new AtomicInteger(1);

    /** Adds a reference; false iff the count already fell to zero (the object is released). */
    public boolean tryRetain() {
        while (true) {
            int r = count.get();
            if (r == 0) {
                return false;
            }
            if (count.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; true iff it was the last one. */
    public boolean release() {
        int r = count.decrementAndGet();
        assert r >= 0 : "released more often than retained";
        return r == 0;
    }
}
