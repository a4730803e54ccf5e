/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/CounterGenerator.java.
 * Copyright (c) 2010 Yahoo! Inc., Copyright (c) 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 */
package dev.lsmkv.bench.ycsb;

import java.util.concurrent.atomic.AtomicLong;

/**
 * countstart, countstart + 1, ...: the record numbers of a load (YCSB's keysequence), one
 * counter shared by all client threads. Thread-safe.
 */
class CounterGenerator {

    private final AtomicLong counter;

    CounterGenerator(long countstart) {
        counter = new AtomicLong(countstart);
    }

    long nextValue() {
        return counter.getAndIncrement();
    }

    /** The last value handed out. */
    long lastValue() {
        return counter.get() - 1;
    }
}
