/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/RandomByteIterator.java (fillBytesImpl and toArray).
 * Copyright (c) 2010-2016 Yahoo! Inc., 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: the caller passes the random source and the array.
 */
package dev.lsmkv.bench.ycsb;

import java.util.SplittableRandom;

/**
 * A field's value as YCSB makes it: printable ASCII, six bytes from each random int (5 to 7 of its
 * bits per byte), so the bytes barely compress, as in a real YCSB run.
 */
final class RandomBytes {

    private RandomBytes() {
    }

    /** Fills {@code buffer[from, to)}, as RandomByteIterator.toArray fills a new array. */
    static void fill(byte[] buffer, int from, int to, SplittableRandom random) {
        for (int base = from; base < to; base += 6) {
            int bytes = random.nextInt();
            int n = Math.min(6, to - base);
            // YCSB's switch on the bytes left, falling through from the sixth byte to the first.
            if (n >= 6) {
                buffer[base + 5] = (byte) (((bytes >> 25) & 95) + ' ');
            }
            if (n >= 5) {
                buffer[base + 4] = (byte) (((bytes >> 20) & 63) + ' ');
            }
            if (n >= 4) {
                buffer[base + 3] = (byte) (((bytes >> 15) & 31) + ' ');
            }
            if (n >= 3) {
                buffer[base + 2] = (byte) (((bytes >> 10) & 95) + ' ');
            }
            if (n >= 2) {
                buffer[base + 1] = (byte) (((bytes >> 5) & 63) + ' ');
            }
            buffer[base] = (byte) ((bytes & 31) + ' ');
        }
    }
}
