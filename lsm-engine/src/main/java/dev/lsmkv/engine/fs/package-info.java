/**
 * The only way the engine reaches the disk: create, append, sync, read at offset, rename,
 * delete, list, lock, sync a directory, through {@link dev.lsmkv.engine.fs.Vfs}.
 * {@link dev.lsmkv.engine.fs.NioFileSystem} is the
 * production implementation; tests substitute a crashable in-memory file system or one that
 * injects faults. Internal, no compatibility promise.
 */
package dev.lsmkv.engine.fs;
