/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/AcknowledgedCounterGenerator.java.
 * Copyright (c) 2015-2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 */
package dev.lsmkv.bench.ycsb;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The record numbers of a run phase's inserts (YCSB's transactioninsertkeysequence): a counter
 * whose {@link #lastValue()} is the highest number below which every insert has been
 * acknowledged, so readers never choose a record whose insert is still in flight. Shared by all
 * client threads; thread-safety as in YCSB (a window of flags and a try-lock).
 */
final class AcknowledgedCounterGenerator extends CounterGenerator {

    /** The size of the window of pending acknowledgements, 2^20. */
    static final int WINDOW_SIZE = Integer.rotateLeft(1, 20);

    private static final int WINDOW_MASK = WINDOW_SIZE - 1;

    private final ReentrantLock lock = new ReentrantLock();
    private final boolean[] window = new boolean[WINDOW_SIZE];
    private volatile long limit;

    AcknowledgedCounterGenerator(long countstart) {
        super(countstart);
        limit = countstart - 1;
    }

    /** The highest acknowledged value (not the highest generated one). */
    @Override
    long lastValue() {
        return limit;
    }

    /** Makes a generated value visible through {@link #lastValue()} once all below it are. */
    void acknowledge(long value) {
        final int currentSlot = (int) (value & WINDOW_MASK);
        if (window[currentSlot]) {
            throw new IllegalStateException("Too many unacknowledged insertion keys (more than " + WINDOW_SIZE
                    + " inserts in flight).");
        }
        window[currentSlot] = true;
        if (lock.tryLock()) {
            // move a contiguous sequence from the window over to the "limit" variable
            try {
                // Only loop through the entire window at most once.
                long beforeFirstSlot = limit & WINDOW_MASK;
                long index;
                for (index = limit + 1; index != beforeFirstSlot; ++index) {
                    int slot = (int) (index & WINDOW_MASK);
                    if (!window[slot]) {
                        break;
                    }
                    window[slot] = false;
                }
                limit = index - 1;
            } finally {
                lock.unlock();
            }
        }
    }
}
