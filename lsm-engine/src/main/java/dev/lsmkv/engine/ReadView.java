package dev.lsmkv.engine;

import dev.lsmkv.engine.memtable.MemTable;
import dev.lsmkv.engine.util.RefCount;
import dev.lsmkv.engine.version.Version;
import java.util.List;

/**
 * What a reader reads: the active memtable, the immutable ones (newest first) and the version
 * (live SSTables), installed together so that every write is in exactly one of them.
 *
 * <p>Immutable; readers pin it without locks by {@link #tryRef()}: the engine holds one
 * reference while the view is current and drops it when a new view replaces it. When the last
 * reference goes, the view releases its version, whose files may then become obsolete.
 */
final class ReadView {

    final MemTable mem;
    final List<MemTable> imms;
    final Version version;
    private final RefCount refs = new RefCount();
    private final Runnable onRelease;

    /** REQUIRES: the caller has ref'd {@code version} once for this view. */
    ReadView(MemTable mem, List<MemTable> imms, Version version, Runnable onRelease) {
        this.mem = mem;
        this.imms = List.copyOf(imms);
        this.version = version;
        this.onRelease = onRelease;
    }

    /** Adds a reference; false iff the view was already released (the caller reads the new one). */
    boolean tryRef() {
        return refs.tryRetain();
    }

    void unref() {
        if (refs.release()) {
            version.unref();
            onRelease.run();
        }
    }
}
