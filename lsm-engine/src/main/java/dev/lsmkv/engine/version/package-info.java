/**
 * The manifest layer: which table files are live, at which level, and the counters that must
 * survive a restart (next file number, last sequence, WAL log number).
 *
 * <ul>
 *   <li>{@link dev.lsmkv.engine.version.FileMetaData}: what is known of one table file without
 *       opening it.</li>
 *   <li>{@link dev.lsmkv.engine.version.VersionEdit}: one change (files added and deleted,
 *       counters), the unit written to the MANIFEST; its tagged encoding is on disk.</li>
 *   <li>{@link dev.lsmkv.engine.version.Version}: an immutable, reference-counted set of files
 *       per level, with the overlap queries reads and compactions need.</li>
 *   <li>{@link dev.lsmkv.engine.version.VersionSet}: the MANIFEST (version edits in the WAL
 *       record framing) and CURRENT, the current version, and every version still pinned.</li>
 * </ul>
 *
 * <p>This package knows file metadata, never file contents. Uses {@code base}, {@code wal},
 * {@code fs}, {@code util}. The byte format is in docs/file-formats.md ("MANIFEST and CURRENT").
 * Internal, no compatibility promise.
 */
package dev.lsmkv.engine.version;
