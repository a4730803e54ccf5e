/**
 * The lsmkv engine. Exports one package, {@code dev.lsmkv.engine}: the API of docs and API.md
 * ({@code LsmEngine}, {@code EngineOptions}, {@code WriteBatch}, {@code Cursor}, {@code Snapshot},
 * {@code EngineStats}, {@code EngineEventListener}, the exceptions and enums). Every other package
 * ({@code base}, {@code cache}, {@code compaction}, {@code fs}, {@code iterator}, {@code memtable},
 * {@code sstable}, {@code tool}, {@code util}, {@code version}, {@code wal}) is internal: no
 * compatibility promise, and not readable by a named module on the module path.
 *
 * <p>This descriptor takes effect only on the module path. On the class path (how Spring Boot
 * applications, lsm-cli, lsm-replication and the benchmarks run) it is ignored and every public
 * class is reachable, as before; there the internal packages are internal by documentation only.
 *
 * <p>{@code tool} is not exported although lsm-cli builds on it: its signatures carry
 * {@code fs.Vfs}, {@code fs.DirectoryLock}, {@code base.FileType}, {@code base.EntryKind},
 * {@code version.FileMetaData} and {@code iterator.UserIterator}, so exporting it would mean
 * exporting those four packages too (javac's {@code -Xlint:exports} says so, and -Werror fails the
 * build). lsm-cli is a Boot-repackaged jar that runs on the class path, where this does not apply.
 *
 * <p>lz4-java has no module descriptor; its jar's manifest names the automatic module
 * {@code org.lz4.java} (Automatic-Module-Name, stable across its releases, not derived from the
 * file name), hence the suppressed {@code requires-automatic} warning. Error Prone's annotations
 * ({@code @GuardedBy}) are read at compile time only: {@code requires static}. {@code jdk.management}
 * is optional too ({@code requires static}): it tells the default {@code maxOpenFiles} the
 * process's file-descriptor limit, and without it that default falls back to 1,000.
 */
@SuppressWarnings("requires-automatic")
module dev.lsmkv.engine {
    requires org.lz4.java;
    requires com.github.benmanes.caffeine;
    requires static com.google.errorprone.annotations;
    requires static jdk.management;

    exports dev.lsmkv.engine;
}
