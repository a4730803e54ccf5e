package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.util.ByteWriter;
import dev.lsmkv.engine.util.Bytes;
import java.util.Arrays;

/**
 * Builds a block of prefix-compressed entries (data and index blocks):
 *
 * <pre>
 * block      := entry* | restart: fixed32 * numRestarts | numRestarts: fixed32
 * entry      := shared: varint32 | unshared: varint32 | valueLength: varint32
 *               | key delta: byte[unshared] | value: byte[valueLength]
 * </pre>
 *
 * An entry's key is the previous key's first {@code shared} bytes followed by the delta. Every
 * {@code restartInterval}-th entry (the first included) is a restart point: it stores its whole
 * key ({@code shared} = 0) and its offset is listed in the restart array, which a reader binary
 * searches. An empty block is just {@code restart[0] = 0, numRestarts = 1}.
 *
 * <p>Not thread-safe. REQUIRES: keys added in strictly increasing order (the caller checks).
 */
final class BlockBuilder {

    private final int restartInterval;
    private final ByteWriter buf = new ByteWriter(8192);
    private int[] restarts = new int[16];
    private int numRestarts;
    private int counter;
    private byte[] lastKey = new byte[64];
    private int lastKeyLength;
    private int entries;

    BlockBuilder(int restartInterval) {
        this.restartInterval = restartInterval;
        reset();
    }

    void reset() {
        buf.reset();
        numRestarts = 1;
        restarts[0] = 0;
        counter = 0;
        lastKeyLength = 0;
        entries = 0;
    }

    void add(byte[] key, byte[] value) {
        int shared = 0;
        if (counter < restartInterval) {
            shared = Bytes.commonPrefix(lastKey, 0, lastKeyLength, key, 0, key.length);
        } else {
            if (numRestarts == restarts.length) {
                restarts = Arrays.copyOf(restarts, numRestarts * 2);
            }
            restarts[numRestarts++] = buf.size();
            counter = 0;
        }
        int unshared = key.length - shared;
        buf.writeVarint32(shared).writeVarint32(unshared).writeVarint32(value.length);
        buf.writeBytes(key, shared, unshared).writeBytes(value);
        if (lastKey.length < key.length) {
            lastKey = new byte[Math.max(key.length, lastKey.length * 2)];
        }
        System.arraycopy(key, shared, lastKey, shared, unshared);
        lastKeyLength = key.length;
        counter++;
        entries++;
    }

    boolean isEmpty() {
        return entries == 0;
    }

    /** The size {@link #finish()} would produce. */
    int estimatedSize() {
        return buf.size() + numRestarts * 4 + 4;
    }

    /** Appends the restart array; the block is then {@code buffer().array()[0, size())} until {@link #reset()}. */
    ByteWriter finish() {
        for (int i = 0; i < numRestarts; i++) {
            buf.writeFixed32(restarts[i]);
        }
        buf.writeFixed32(numRestarts);
        return buf;
    }
}
