package dev.lsmkv.engine.sstable;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.util.Coding;
import java.util.Arrays;

/**
 * A decoded (uncompressed, verified) block in the layout of {@link BlockBuilder}, read through
 * {@link Iter}. Immutable and thread-safe; each iterator is single-threaded.
 *
 * <p>The constructor validates the restart array: numRestarts &gt;= 1 and fits, restart[0] = 0,
 * offsets strictly increasing and inside the entry area. Entries are validated as they are
 * decoded: lengths fit, {@code shared} &lt;= the previous key, keys are at least a trailer long
 * with a known {@link EntryKind}, a restart entry has {@code shared} = 0. A violation is a
 * {@link CorruptionException} without a file name; the table reader adds it.
 */
final class Block implements dev.lsmkv.engine.cache.CachedBlock {

    private static final int T = InternalKey.TRAILER_SIZE;
    private static final byte[] EMPTY = new byte[0];

    final byte[] data;
    /** Where the entries end and the restart array begins. */
    final int restartsOffset;
    final int numRestarts;

    Block(byte[] data) {
        this.data = data;
        int n = data.length;
        if (n < 4) {
            throw new CorruptionException("block of " + n + " bytes is too short for a restart count");
        }
        int num = Coding.getFixed32(data, n - 4);
        if (num < 1 || num > (n - 4) / 4) {
            throw new CorruptionException("bad restart count " + Integer.toUnsignedString(num) + " in block of " + n + " bytes");
        }
        this.numRestarts = num;
        this.restartsOffset = n - 4 - 4 * num;
        int prev = -1;
        for (int i = 0; i < num; i++) {
            int r = Coding.getFixed32(data, restartsOffset + 4 * i);
            if ((i == 0 && r != 0) || r <= prev || (r >= restartsOffset && restartsOffset > 0)) {
                throw new CorruptionException("bad restart point " + i + " = " + Integer.toUnsignedString(r)
                        + " in block with " + restartsOffset + " bytes of entries");
            }
            prev = r;
        }
        if (restartsOffset == 0 && num != 1) {
            throw new CorruptionException("empty block with " + num + " restart points");
        }
    }

    @Override
    public int sizeBytes() {
        return data.length;
    }

    int restartPoint(int i) {
        return Coding.getFixed32(data, restartsOffset + 4 * i);
    }

    Iter iterator() {
        return new Iter();
    }

    /** A forward iterator over the block's entries. Not thread-safe. */
    final class Iter {
        /** Offset of the current entry; restartsOffset when not valid. */
        private int current = restartsOffset;
        private int nextOffset = restartsOffset;
        private byte[] key = EMPTY;
        private int keyLength;
        private int valueOffset;
        private int valueLength;
        /** Scratch for varint decoding: the position after the last decoded varint. */
        private int pos;
        /** The current key and value handed out, made lazily. */
        private byte[] keyCopy;

        boolean isValid() {
            return current < restartsOffset;
        }

        void seekToFirst() {
            nextOffset = 0;
            keyLength = 0;
            parseNext();
        }

        void next() {
            assert isValid();
            parseNext();
        }

        /** Positions at the first entry &gt;= target, or invalid past the end. */
        void seek(byte[] target) {
            // The last restart point whose key is < target; then scan forward from it.
            int left = 0;
            int right = numRestarts - 1;
            while (left < right) {
                int mid = (left + right + 1) >>> 1;
                int p = restartPoint(mid);
                int shared = readVarint32(p);
                int unshared = readVarint32(pos);
                int vlen = readVarint32(pos);
                int keyOff = pos;
                if (shared != 0) {
                    throw new CorruptionException("restart point " + mid + " at offset " + p + " has shared=" + shared);
                }
                checkEntry(p, unshared, vlen, keyOff);
                if (unshared < T) {
                    throw new CorruptionException("restart point " + mid + " at offset " + p + " has a "
                            + unshared + "-byte key, shorter than the 8-byte trailer");
                }
                if (KeyOrder.compare(data, keyOff, unshared, target, 0, target.length) < 0) {
                    left = mid;
                } else {
                    right = mid - 1;
                }
            }
            nextOffset = restartPoint(left);
            keyLength = 0;
            while (parseNext()) {
                if (KeyOrder.compare(key, 0, keyLength, target, 0, target.length) >= 0) {
                    return;
                }
            }
        }

        /** The current key as a fresh array (the same array on repeated calls). */
        byte[] key() {
            if (keyCopy == null) {
                keyCopy = Arrays.copyOf(key, keyLength);
            }
            return keyCopy;
        }

        /** The current value as a new array on every call: the caller owns it. */
        byte[] value() {
            return Arrays.copyOfRange(data, valueOffset, valueOffset + valueLength);
        }

        /** The current key's bytes are {@code keyBuffer()[0, keyLength())}, valid until the iterator moves. */
        byte[] keyBuffer() {
            return key;
        }

        int keyLength() {
            return keyLength;
        }

        /** The current value lies in {@code data[valueOffset(), valueOffset() + valueLength())}. */
        int valueOffset() {
            return valueOffset;
        }

        int valueLength() {
            return valueLength;
        }

        /** Decodes the entry at nextOffset; false (and invalid) at the end. */
        private boolean parseNext() {
            keyCopy = null;
            int p = nextOffset;
            if (p >= restartsOffset) {
                current = restartsOffset;
                return false;
            }
            int shared = readVarint32(p);
            int unshared = readVarint32(pos);
            int vlen = readVarint32(pos);
            int keyOff = pos;
            if (shared > keyLength || shared < 0) {
                throw new CorruptionException("entry at offset " + p + " shares " + Integer.toUnsignedString(shared)
                        + " bytes of a " + keyLength + "-byte previous key");
            }
            checkEntry(p, unshared, vlen, keyOff);
            int len = shared + unshared; // both fit in the block, so no overflow
            if (key.length < len) {
                key = Arrays.copyOf(key, Math.max(len, Math.max(32, key.length * 2)));
            }
            System.arraycopy(data, keyOff, key, shared, unshared);
            keyLength = len;
            checkKind(p);
            current = p;
            valueOffset = keyOff + unshared;
            valueLength = vlen;
            nextOffset = valueOffset + vlen;
            return true;
        }

        /** Checks that an entry's key delta and value fit before the restart array. */
        private void checkEntry(int p, int unshared, int vlen, int keyOff) {
            if (unshared < 0 || vlen < 0 || (long) unshared + vlen > restartsOffset - keyOff) {
                throw new CorruptionException("entry at offset " + p + " (key delta " + Integer.toUnsignedString(unshared)
                        + ", value " + Integer.toUnsignedString(vlen) + " bytes) overruns the " + restartsOffset
                        + " bytes of entries");
            }
        }

        private void checkKind(int p) {
            if (keyLength < T) {
                throw new CorruptionException("entry at offset " + p + " has a " + keyLength
                        + "-byte key, shorter than the 8-byte trailer");
            }
            int code = key[keyLength - T] & 0xFF;
            if (code > EntryKind.MAX_CODE) {
                throw new CorruptionException("entry at offset " + p + " has unknown kind code " + code);
            }
        }

        /** Decodes a varint32 at {@code p} within the entry area; leaves the position after it in {@link #pos}. */
        private int readVarint32(int p) {
            byte[] d = data;
            int limit = restartsOffset;
            if (p < limit) {
                int b = d[p];
                if (b >= 0) {
                    pos = p + 1;
                    return b;
                }
            }
            int result = 0;
            for (int shift = 0; shift <= 28; shift += 7) {
                if (p >= limit) {
                    throw new CorruptionException("truncated varint at offset " + p + " of block entries");
                }
                int b = d[p++] & 0xFF;
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    pos = p;
                    return result;
                }
            }
            throw new CorruptionException("malformed varint at offset " + p + " of block entries");
        }
    }
}
