/**
 * Leveled compaction: {@link dev.lsmkv.engine.compaction.CompactionPicker} scores the levels of
 * a version and chooses the next unit of work, a {@link dev.lsmkv.engine.compaction.Compaction}
 * (input files of one level, the overlapping files of the next, and the grandparents that bound
 * output file sizes). The merge job that executes a compaction lives here too. Nothing here
 * schedules itself: the root package decides when to pick and run.
 *
 * <p>Uses {@code version}, {@code sstable}, {@code iterator}, {@code base}, {@code fs},
 * {@code util}. Internal, no compatibility promise.
 */
package dev.lsmkv.engine.compaction;
