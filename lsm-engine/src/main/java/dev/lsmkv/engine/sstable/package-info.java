/**
 * The SSTable format (version 1): immutable sorted files of internal keys and values, in
 * prefix-compressed data blocks with restart points, optionally LZ4-compressed, one
 * whole-file bloom filter over user keys, a properties block, an index block and a 64-byte
 * footer; every block carries a masked CRC32C that is verified on every read from disk.
 * {@link dev.lsmkv.engine.sstable.TableBuilder} writes a table and draws its byte grammar;
 * {@link dev.lsmkv.engine.sstable.TableReader} reads one; docs/file-formats.md ("SSTable") works
 * through an example. Knows nothing of versions, compaction or memtables.
 * Internal, no compatibility promise (for the API; the file format is versioned and kept).
 */
package dev.lsmkv.engine.sstable;
