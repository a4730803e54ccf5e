/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/generator/DiscreteGenerator.java.
 * Copyright (c) 2010-2016 Yahoo! Inc., 2017 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: values are an enum instead of strings; the caller passes the random source.
 */
package dev.lsmkv.bench.ycsb;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses from a fixed set of values by weight (YCSB's operationchooser). Values are added
 * before the run starts; after that it is safe to share between threads.
 */
final class DiscreteGenerator<T> {

    private record Pair<T>(double weight, T value) {
    }

    private final List<Pair<T>> values = new ArrayList<>();

    void addValue(double weight, T value) {
        values.add(new Pair<>(weight, value));
    }

    T nextValue(SplittableRandom random) {
        double sum = 0;
        for (Pair<T> p : values) {
            sum += p.weight();
        }
        double val = random.nextDouble();
        for (Pair<T> p : values) {
            double pw = p.weight() / sum;
            if (val < pw) {
                return p.value();
            }
            val -= pw;
        }
        throw new AssertionError("weights do not add up: " + values);
    }
}
