/*
 * The record handling of YCSB's RocksDB binding (https://github.com/brianfrankcooper/YCSB), file
 * rocksdb/src/main/java/site/ycsb/db/rocksdb/RocksDBClient.java: read, scan, update, insert and
 * the serializeValues/deserializeValues encoding.
 * Copyright (c) 2018 - 2019 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: over the benchmarks' Store interface (any store, no column family);
 * fields decode into offsets in a per-thread Fields instead of a HashMap of ByteIterators; fields
 * are written in field order (the binding writes a HashMap's order).
 */
package dev.lsmkv.bench.ycsb;

import dev.lsmkv.bench.Store;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * What YCSB's RocksDB binding does with a record, on any {@link Store}, so that every store pays
 * the same client-side work. A record is one value holding all its fields:
 *
 * <pre>
 * record := field*                       (fields in order field0, field1, ...)
 * field  := nameLength:int32 name:byte[nameLength] valueLength:int32 value:byte[valueLength]
 * </pre>
 * int32 big-endian (Java's ByteBuffer default), name UTF-8 ("field0" .. "field9"). With YCSB's
 * defaults (10 fields of 100 bytes) a record is 10 x (4 + 6 + 4 + 100) = 1,140 bytes.
 *
 * <p>An update reads the record, replaces the one field, and writes the whole record back, as
 * the binding does (it has no merge operator). Thread-safe as the store is; each thread passes
 * its own {@link Fields}.
 */
final class RecordBinding {

    /** YCSB's fieldcount and fieldlength defaults (fieldlengthdistribution=constant). */
    static final int FIELD_COUNT = 10;
    static final int FIELD_LENGTH = 100;

    private static final byte[][] FIELD_NAMES = new byte[FIELD_COUNT][];

    static {
        for (int i = 0; i < FIELD_COUNT; i++) {
            FIELD_NAMES[i] = ("field" + i).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A decoded record: where each field's name and value sit in the record's bytes. One thread at a time. */
    static final class Fields {
        final int[] nameOffset = new int[FIELD_COUNT];
        final int[] nameLength = new int[FIELD_COUNT];
        final int[] valueOffset = new int[FIELD_COUNT];
        final int[] valueLength = new int[FIELD_COUNT];
        int count;
        /** Bytes of field values seen, so the decoding cannot be optimised away. */
        long bytesSeen;
    }

    private final Store store;

    RecordBinding(Store store) {
        this.store = store;
    }

    /** A new record of {@link #FIELD_COUNT} random fields of {@link #FIELD_LENGTH} bytes (CoreWorkload.buildValues). */
    static byte[] newRecord(SplittableRandom random) {
        int size = 0;
        for (byte[] name : FIELD_NAMES) {
            size += 8 + name.length + FIELD_LENGTH;
        }
        byte[] record = new byte[size];
        int p = 0;
        for (byte[] name : FIELD_NAMES) {
            p = putInt(record, p, name.length);
            System.arraycopy(name, 0, record, p, name.length);
            p = putInt(record, p + name.length, FIELD_LENGTH);
            RandomBytes.fill(record, p, p + FIELD_LENGTH, random);
            p += FIELD_LENGTH;
        }
        return record;
    }

    /** A new value for one field (CoreWorkload.buildSingleValue). */
    static byte[] newFieldValue(SplittableRandom random) {
        byte[] value = new byte[FIELD_LENGTH];
        RandomBytes.fill(value, 0, FIELD_LENGTH, random);
        return value;
    }

    /** Reads all fields of {@code key} into {@code out}; false when the record is absent (NOT_FOUND). */
    boolean read(byte[] key, Fields out) {
        byte[] record = store.get(key);
        if (record == null) {
            return false;
        }
        deserialize(record, out);
        return true;
    }

    /** Reads up to {@code count} records from the first key at or after {@code startKey}; returns how many. */
    int scan(byte[] startKey, int count, Fields out) {
        int n = 0;
        try (Store.Scan c = store.scan(startKey)) {
            while (n < count && c.next()) {
                deserialize(c.value(), out);
                n++;
            }
        }
        return n;
    }

    /** Replaces field {@code field} of {@code key}'s record with {@code value}; false when the record is absent. */
    boolean update(byte[] key, int field, byte[] value, Fields scratch) {
        byte[] current = store.get(key);
        if (current == null) {
            return false;
        }
        deserialize(current, scratch);
        byte[] name = FIELD_NAMES[field];
        int size = 0;
        int replaced = -1;
        for (int i = 0; i < scratch.count; i++) {
            boolean same = java.util.Arrays.equals(current, scratch.nameOffset[i],
                    scratch.nameOffset[i] + scratch.nameLength[i], name, 0, name.length);
            if (same) {
                replaced = i;
            }
            size += 8 + scratch.nameLength[i] + (same ? value.length : scratch.valueLength[i]);
        }
        if (replaced < 0) {
            size += 8 + name.length + value.length; // a field the record lacked: added, as HashMap.putAll does
        }
        byte[] record = new byte[size];
        int p = 0;
        for (int i = 0; i < scratch.count; i++) {
            p = putInt(record, p, scratch.nameLength[i]);
            System.arraycopy(current, scratch.nameOffset[i], record, p, scratch.nameLength[i]);
            p += scratch.nameLength[i];
            if (i == replaced) {
                p = putBytes(record, p, value);
            } else {
                p = putInt(record, p, scratch.valueLength[i]);
                System.arraycopy(current, scratch.valueOffset[i], record, p, scratch.valueLength[i]);
                p += scratch.valueLength[i];
            }
        }
        if (replaced < 0) {
            p = putBytes(record, p, name);
            putBytes(record, p, value);
        }
        store.put(key, record);
        return true;
    }

    void insert(byte[] key, byte[] record) {
        store.put(key, record);
    }

    /** Decodes {@code record} into {@code out}; throws if the bytes are not a record this class wrote. */
    static void deserialize(byte[] record, Fields out) {
        int p = 0;
        int n = 0;
        long seen = 0;
        while (p < record.length) {
            if (n == FIELD_COUNT || p + 4 > record.length) {
                throw new IllegalStateException("not a YCSB record: field " + n + " at offset " + p + " of "
                        + record.length + " bytes");
            }
            int nameLength = getInt(record, p);
            out.nameOffset[n] = p + 4;
            out.nameLength[n] = nameLength;
            p += 4 + nameLength;
            if (nameLength < 0 || p + 4 > record.length) {
                throw new IllegalStateException("not a YCSB record: name length " + nameLength + " at offset "
                        + (p - 4 - nameLength) + " of " + record.length + " bytes");
            }
            int valueLength = getInt(record, p);
            out.valueOffset[n] = p + 4;
            out.valueLength[n] = valueLength;
            p += 4 + valueLength;
            if (valueLength < 0 || p > record.length) {
                throw new IllegalStateException("not a YCSB record: value length " + valueLength + " of field " + n
                        + " runs past the record's " + record.length + " bytes");
            }
            seen += valueLength;
            n++;
        }
        out.count = n;
        out.bytesSeen += seen;
    }

    private static int putBytes(byte[] a, int p, byte[] bytes) {
        p = putInt(a, p, bytes.length);
        System.arraycopy(bytes, 0, a, p, bytes.length);
        return p + bytes.length;
    }

    private static int putInt(byte[] a, int p, int v) {
        a[p] = (byte) (v >>> 24);
        a[p + 1] = (byte) (v >>> 16);
        a[p + 2] = (byte) (v >>> 8);
        a[p + 3] = (byte) v;
        return p + 4;
    }

    private static int getInt(byte[] a, int p) {
        return (a[p] & 0xff) << 24 | (a[p + 1] & 0xff) << 16 | (a[p + 2] & 0xff) << 8 | (a[p + 3] & 0xff);
    }
}
