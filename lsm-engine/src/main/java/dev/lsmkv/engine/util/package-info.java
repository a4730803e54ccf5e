/**
 * Byte coding (fixed-width little-endian, varints), CRC32C with masking, unsigned byte
 * comparison. Uses the JDK and the root package's {@code CorruptionException} only. Internal, no compatibility promise.
 */
package dev.lsmkv.engine.util;
