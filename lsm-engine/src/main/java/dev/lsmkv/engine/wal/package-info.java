/**
 * Record framing shared by the write-ahead log and the MANIFEST: opaque payloads cut into
 * checksummed fragments inside 32 KiB blocks, after a header record that names the file's kind
 * (magic) and format version. {@link dev.lsmkv.engine.wal.LogWriter} frames and appends,
 * {@link dev.lsmkv.engine.wal.LogReader} verifies and reassembles, and tells a torn tail (the
 * normal result of a crash) from mid-file corruption. The byte layout is drawn in
 * {@link dev.lsmkv.engine.wal.LogWriter} and in docs/file-formats.md ("Log files").
 *
 * <p>This package knows nothing of write batches, memtables or version edits.
 * Internal, no compatibility promise (for the Java API; the bytes on disk are a promise).
 */
package dev.lsmkv.engine.wal;
