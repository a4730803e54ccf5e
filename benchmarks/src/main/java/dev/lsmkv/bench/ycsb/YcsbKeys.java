/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), files
 * core/src/main/java/site/ycsb/Utils.java (fnvhash64) and
 * core/src/main/java/site/ycsb/workloads/CoreWorkload.java (buildKeyName).
 * Copyright (c) 2010 Yahoo! Inc., Copyright (c) 2016-2020 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 */
package dev.lsmkv.bench.ycsb;

import java.nio.charset.StandardCharsets;

/**
 * YCSB's record keys: "user" followed by the decimal digits of the record number's 64-bit FNV
 * hash (insertorder=hashed, the default, so inserts land all over the key space; zeropadding=1,
 * the default, so no padding). The bytes are the key's UTF-8 form, as YCSB's RocksDB binding
 * stores them.
 */
final class YcsbKeys {

    static final long FNV_OFFSET_BASIS_64 = 0xCBF29CE484222325L;
    static final long FNV_PRIME_64 = 1099511628211L;

    private YcsbKeys() {
    }

    /** 64-bit FNV-1 hash of the 8 bytes of {@code val}, low byte first, made non-negative (Math.abs) as YCSB does. */
    static long fnvhash64(long val) {
        long hashval = FNV_OFFSET_BASIS_64;
        for (int i = 0; i < 8; i++) {
            long octet = val & 0x00ff;
            val = val >> 8;
            hashval = hashval ^ octet;
            hashval = hashval * FNV_PRIME_64;
        }
        return Math.abs(hashval);
    }

    /** CoreWorkload.buildKeyName(keynum, zeropadding = 1, orderedinserts = false). */
    static String keyName(long keynum) {
        return "user" + fnvhash64(keynum);
    }

    /** The stored key of record {@code keynum}. */
    static byte[] key(long keynum) {
        return keyName(keynum).getBytes(StandardCharsets.UTF_8);
    }
}
