package dev.lsmkv.engine;

/** When the write-ahead log is forced to stable storage. */
public enum SyncMode {
    /**
     * A write returns only after its WAL record is fsync'd; concurrent writers share one fsync
     * (group commit). Survives process crash and power loss. The default.
     */
    ALWAYS,
    /**
     * The WAL is written at once and fsync'd in the background every
     * {@link EngineOptions#syncInterval()}. Survives a process crash; power loss may lose the
     * last interval.
     */
    PERIODIC,
    /**
     * The WAL is written to the OS; fsync only on flush and close (and of each new WAL's header
     * record). Survives a process crash.
     */
    NONE
}
