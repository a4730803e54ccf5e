/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/NumberGenerator.java.
 * Copyright (c) 2010-2016 Yahoo! Inc., 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: an interface, and the caller passes the random source (YCSB draws
 * from ThreadLocalRandom, which cannot be seeded), so that a run is repeatable from --seed.
 */
package dev.lsmkv.bench.ycsb;

import java.util.SplittableRandom;

/**
 * A generator of longs, as YCSB's {@code NumberGenerator}. Implementations are safe to share
 * between threads; each thread passes its own random source.
 */
interface NumberGenerator {

    /** The next value, drawn with {@code random} (the calling thread's own). */
    long nextValue(SplittableRandom random);
}
