package dev.lsmkv.spring.core;

import java.util.Arrays;

/**
 * A byte-array key with value equality and unsigned lexicographic order (the engine's key order),
 * for sets and maps of keys. The array is not copied: callers hand over arrays they no longer change.
 */
public record ByteKey(byte[] bytes) implements Comparable<ByteKey> {

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(ByteKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
