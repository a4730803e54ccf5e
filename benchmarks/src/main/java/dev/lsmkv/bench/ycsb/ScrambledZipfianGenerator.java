/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/ScrambledZipfianGenerator.java.
 * Copyright (c) 2010-2016 Yahoo! Inc., 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: the caller passes the random source; only the 0.99 constant.
 */
package dev.lsmkv.bench.ycsb;

import java.util.SplittableRandom;

/**
 * YCSB's "zipfian" request distribution: a Zipfian draw over 10^10 items (zeta precomputed),
 * hashed with FNV-64 and folded into [min, max], so the popular items are scattered over the key
 * range instead of clustered at its start. Immutable.
 */
final class ScrambledZipfianGenerator implements NumberGenerator {

    static final double ZETAN = 26.46902820178302;
    static final long ITEM_COUNT = 10000000000L;

    private final ZipfianGenerator gen = new ZipfianGenerator(0, ITEM_COUNT, ZipfianGenerator.ZIPFIAN_CONSTANT, ZETAN);
    private final long min;
    private final long itemcount;

    /** Items min .. max, both included. */
    ScrambledZipfianGenerator(long min, long max) {
        this.min = min;
        this.itemcount = max - min + 1;
    }

    @Override
    public long nextValue(SplittableRandom random) {
        long ret = gen.nextValue(random);
        return min + YcsbKeys.fnvhash64(ret) % itemcount;
    }
}
