/**
 * Byte coding (fixed-width little-endian, varints), CRC32C with masking, unsigned byte
 * comparison. Uses the JDK only. Internal, no compatibility promise.
 */
package dev.lsmkv.engine.util;
