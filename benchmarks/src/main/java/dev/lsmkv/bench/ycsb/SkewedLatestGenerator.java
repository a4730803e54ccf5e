/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/SkewedLatestGenerator.java.
 * Copyright (c) 2010-2016 Yahoo! Inc., 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: the caller passes the random source.
 */
package dev.lsmkv.bench.ycsb;

import java.util.SplittableRandom;

/**
 * YCSB's "latest" request distribution (workload D): a Zipfian draw counted back from the newest
 * acknowledged insert, so recent records are the popular ones and the popular set moves as
 * inserts arrive. Thread-safe.
 */
final class SkewedLatestGenerator implements NumberGenerator {

    private final CounterGenerator basis;
    private final ZipfianGenerator zipfian;

    SkewedLatestGenerator(CounterGenerator basis) {
        this.basis = basis;
        this.zipfian = new ZipfianGenerator(basis.lastValue());
    }

    @Override
    public long nextValue(SplittableRandom random) {
        long max = basis.lastValue();
        return max - zipfian.nextLong(max, random);
    }
}
