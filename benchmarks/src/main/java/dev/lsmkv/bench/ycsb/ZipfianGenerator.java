/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/ZipfianGenerator.java.
 * Copyright (c) 2010-2016 Yahoo! Inc., 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: the caller passes the random source; zetan, eta and countforzeta
 * are published together as one immutable snapshot (YCSB reads the three fields unsynchronized);
 * allowitemcountdecrease is always false, as YCSB's default; no lastValue/mean.
 */
package dev.lsmkv.bench.ycsb;

import java.util.SplittableRandom;

/**
 * A Zipfian distribution over [min, max]: min is the most popular item, min + 1 the next, and so
 * on. The algorithm is from "Quickly Generating Billion-Record Synthetic Databases", Jim Gray et
 * al., SIGMOD 1994, exactly as YCSB implements it (including its quirks: the incremental
 * recomputation of eta keeps the original item count, and the first two items are returned by
 * the two shortcuts).
 *
 * <p>Thread-safe: {@link #nextLong} with a larger item count than before extends zeta
 * incrementally under a lock (the "latest" distribution does that as inserts arrive).
 */
final class ZipfianGenerator implements NumberGenerator {

    static final double ZIPFIAN_CONSTANT = 0.99;

    /** zetan, eta and the item count zetan was computed for, always read together. */
    private record Zeta(double zetan, double eta, long countforzeta) {
    }

    private final long items;
    private final long base;
    private final double theta;
    private final double zeta2theta;
    private final double alpha;
    private volatile Zeta zeta;

    /** Items 0 .. items - 1. */
    ZipfianGenerator(long items) {
        this(0, items - 1);
    }

    ZipfianGenerator(long min, long max) {
        this(min, max, ZIPFIAN_CONSTANT, zetastatic(max - min + 1, ZIPFIAN_CONSTANT));
    }

    /** Items min .. max with a precomputed zeta of the item count (ScrambledZipfianGenerator's constant). */
    ZipfianGenerator(long min, long max, double zipfianconstant, double zetan) {
        items = max - min + 1;
        base = min;
        theta = zipfianconstant;
        zeta2theta = zetastatic(2, theta);
        alpha = 1.0 / (1.0 - theta);
        double eta = (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2theta / zetan);
        zeta = new Zeta(zetan, eta, items);
    }

    /** zeta(n, theta) = sum over i in 1..n of 1 / i^theta. */
    static double zetastatic(long n, double theta) {
        return zetastatic(0, n, theta, 0);
    }

    /** Extends a zeta over st items, {@code initialsum}, to one over n items. */
    static double zetastatic(long st, long n, double theta, double initialsum) {
        double sum = initialsum;
        for (long i = st; i < n; i++) {
            sum += 1 / (Math.pow(i + 1, theta));
        }
        return sum;
    }

    /** The next item of a distribution over {@code itemcount} items (YCSB's nextLong(itemcount)). */
    long nextLong(long itemcount, SplittableRandom random) {
        Zeta z = zeta;
        if (itemcount > z.countforzeta()) {
            synchronized (this) {
                z = zeta;
                if (itemcount > z.countforzeta()) {
                    // more items than before: extend zetan incrementally; eta with the original
                    // item count, as YCSB does
                    double zetan = zetastatic(z.countforzeta(), itemcount, theta, z.zetan());
                    double eta = (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2theta / zetan);
                    z = new Zeta(zetan, eta, itemcount);
                    zeta = z;
                }
            }
        }
        double u = random.nextDouble();
        double uz = u * z.zetan();
        if (uz < 1.0) {
            return base;
        }
        if (uz < 1.0 + Math.pow(0.5, theta)) {
            return base + 1;
        }
        return base + (long) (itemcount * Math.pow(z.eta() * u - z.eta() + 1, alpha));
    }

    @Override
    public long nextValue(SplittableRandom random) {
        return nextLong(items, random);
    }
}
