package dev.lsmkv.spring.core;

/**
 * Turns entities into the bytes stored under their key and back. The type to read always comes
 * from the caller (the repository's entity class, or a subclass of it named beside the payload),
 * never from the payload itself. Implementations are
 * thread-safe.
 *
 * <p>Contract: {@code decode(encode(e), e.getClass())} equals {@code e}. A codec that cannot
 * keep a value should fail in {@link #encode} (nothing is stored) rather than write something
 * that reads back different or not at all.
 *
 * <p>Every stored value starts with one byte, the {@link #id()} of the codec that wrote it, so
 * a store written with one codec stays readable after the default changes (the adapter reads
 * with the registered codec whose id matches). Ids are an on-disk format; assigned ones are
 * never changed or reused:
 * <pre>
 *   0        never written (unassigned)
 *   1        JSON  ({@link JacksonEntityCodec#json()}, the default)
 *   2        CBOR  ({@link JacksonEntityCodec#cbor()})
 *   3-31     reserved for lsmkv
 *   32-63    free for application codecs
 *   64-255   not codec ids: the two top bits of the stored byte flag a value that carries its
 *            subclass's name or its index entries (CodecRegistry's value framing)
 * </pre>
 */
public interface EntityCodec {

    /** The byte written before every payload of this codec; see the table above. */
    byte id();

    /** A short name for logs and docs, e.g. "json". */
    String name();

    /** The payload of {@code entity} (without the id byte). */
    byte[] encode(Object entity);

    /** Reads {@code length} bytes at {@code offset} of {@code payload} as a {@code type}. */
    <T> T decode(byte[] payload, int offset, int length, Class<T> type);
}
