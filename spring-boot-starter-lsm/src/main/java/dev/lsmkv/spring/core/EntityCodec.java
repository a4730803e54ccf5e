package dev.lsmkv.spring.core;

/**
 * Turns entities into the bytes stored under their key and back. The type to read always comes
 * from the caller (the repository's entity class), never from the payload. Implementations are
 * thread-safe.
 *
 * <p>Every stored value starts with one byte, the {@link #id()} of the codec that wrote it, so
 * a store written with one codec stays readable after the default changes (the adapter reads
 * with the codec whose id matches).
 */
public interface EntityCodec {

    /** The byte written before every payload of this codec; 1-127 are reserved for lsmkv. */
    byte id();

    /** A short name for logs and docs, e.g. "json". */
    String name();

    /** The payload of {@code entity} (without the id byte). */
    byte[] encode(Object entity);

    /** Reads {@code length} bytes at {@code offset} of {@code payload} as a {@code type}. */
    <T> T decode(byte[] payload, int offset, int length, Class<T> type);
}
