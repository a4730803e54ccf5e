/**
 * The in-memory write buffer: a concurrent skip list of internal keys with size accounting,
 * point lookup and an iterator. Never touches the disk. Uses {@code base} and {@code util} only.
 * Internal, no compatibility promise.
 */
package dev.lsmkv.engine.memtable;
