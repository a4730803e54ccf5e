/**
 * Iterators built from other iterators: a heap-based k-way merge of sources
 * ({@link dev.lsmkv.engine.iterator.MergingIterator}), a lazily opened sorted run of
 * non-overlapping files ({@link dev.lsmkv.engine.iterator.ConcatenatingIterator}), and the
 * user-visible filter ({@link dev.lsmkv.engine.iterator.UserIterator}: snapshot sequence, newest
 * version wins, tombstones and expired entries hidden, bounds). Uses {@code base},
 * {@code util} and the root package's {@code CorruptionException} only. Internal, no compatibility promise.
 */
package dev.lsmkv.engine.iterator;
