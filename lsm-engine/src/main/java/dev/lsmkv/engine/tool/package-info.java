/**
 * Inspection of an engine directory without opening the engine: what the {@code lsm-cli} tool
 * (and a test) uses to dump tables, logs and the manifest, verify every checksum, summarise the
 * levels and read keys from a directory on disk.
 *
 * <p>Layering: this package sits above the root package, like Pebble's {@code tool}: it may use
 * every engine package; nothing in the engine imports it. It reads files with the engine's own
 * readers and decoders ({@code sstable.TableLayout}/{@code TableReader}, {@code wal.LogReader},
 * {@code version.VersionSet}/{@code VersionEdit}, {@code WriteBatchCodec}), so a tool never
 * disagrees with the engine about what a byte means or whether it is valid.
 *
 * <p>Nothing here writes to the directory, except {@link dev.lsmkv.engine.tool.DirectoryInspector#tryLock}, which
 * creates the LOCK file if it is missing (as the engine would).
 * Internal, no compatibility promise for the Java API; the output of the CLI is documented in
 * docs/operations.md.
 */
package dev.lsmkv.engine.tool;
