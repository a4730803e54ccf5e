/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/UniformLongGenerator.java.
 * Copyright (c) 2010 Yahoo! Inc. Copyright (c) 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: the caller passes the random source; no lastValue/mean.
 */
package dev.lsmkv.bench.ycsb;

import java.util.SplittableRandom;

/** Longs uniform on [lb, ub], both included. Immutable. */
final class UniformLongGenerator implements NumberGenerator {

    private final long lb;
    private final long interval;

    UniformLongGenerator(long lb, long ub) {
        this.lb = lb;
        this.interval = ub - lb + 1;
    }

    @Override
    public long nextValue(SplittableRandom random) {
        // YCSB's exact expression, including Math.abs (Long.MIN_VALUE is one draw in 2^64).
        return Math.abs(random.nextLong()) % interval + lb;
    }
}
