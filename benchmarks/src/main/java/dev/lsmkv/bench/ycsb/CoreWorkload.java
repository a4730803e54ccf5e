/*
 * Ported from YCSB (https://github.com/brianfrankcooper/YCSB), file
 * core/src/main/java/site/ycsb/workloads/CoreWorkload.java (init, doInsert, doTransaction and the
 * doTransaction* methods, nextKeynum), with DBWrapper's per-operation timing.
 * Copyright (c) 2010 Yahoo! Inc., Copyright (c) 2016-2020 YCSB contributors. All rights reserved.
 * Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
 * Changed from the original: only the properties the core workloads A-F set (see WorkloadSpec);
 * no data integrity checks, retries or throttling; each thread passes its own seeded random
 * source; latencies go to per-thread HdrHistograms in nanoseconds.
 */
package dev.lsmkv.bench.ycsb;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * One phase of YCSB's CoreWorkload: the generators of a load (keysequence) or of a run phase
 * (operationchooser, keychooser, fieldchooser, scanlength, transactioninsertkeysequence), shared
 * by the phase's client threads, and the operations they drive through a {@link RecordBinding}.
 *
 * <p>Thread-safety: the generators are shared and thread-safe; each client thread keeps its own
 * {@link ThreadState} (random source, scratch, histograms).
 */
final class CoreWorkload {

    /** The operation types, in YCSB's names. */
    enum Op {
        READ, UPDATE, INSERT, SCAN, READ_MODIFY_WRITE;

        String label() {
            return this == READ_MODIFY_WRITE ? "READ-MODIFY-WRITE" : name();
        }
    }

    /** One client thread's own state. */
    static final class ThreadState {
        final SplittableRandom random;
        final RecordBinding.Fields fields = new RecordBinding.Fields();
        final Histogram[] latency = new Histogram[Op.values().length];
        final long[] notFound = new long[Op.values().length];
        long scannedRecords;

        ThreadState(SplittableRandom random) {
            this.random = random;
            for (int i = 0; i < latency.length; i++) {
                latency[i] = new Histogram(3);
            }
        }

        private void record(Op op, long nanos, boolean ok) {
            latency[op.ordinal()].recordValue(Math.max(0, nanos));
            if (!ok) {
                notFound[op.ordinal()]++;
            }
        }
    }

    private final WorkloadSpec spec;
    private final CounterGenerator keysequence;
    private final AcknowledgedCounterGenerator transactioninsertkeysequence;
    private final DiscreteGenerator<Op> operationchooser = new DiscreteGenerator<>();
    private final NumberGenerator keychooser;
    private final NumberGenerator fieldchooser = new UniformLongGenerator(0, RecordBinding.FIELD_COUNT - 1);
    private final NumberGenerator scanlength;

    /**
     * CoreWorkload.init for {@code spec} (null: a load, which only inserts) on a store that holds
     * records 0 .. recordcount - 1 (insertstart = 0, insertcount = recordcount).
     */
    CoreWorkload(WorkloadSpec spec, long recordcount, long operationcount) {
        this.spec = spec;
        keysequence = new CounterGenerator(0);
        transactioninsertkeysequence = new AcknowledgedCounterGenerator(recordcount);
        if (spec == null) {
            keychooser = null;
            scanlength = null;
            return;
        }
        if (spec.read() > 0) {
            operationchooser.addValue(spec.read(), Op.READ);
        }
        if (spec.update() > 0) {
            operationchooser.addValue(spec.update(), Op.UPDATE);
        }
        if (spec.insert() > 0) {
            operationchooser.addValue(spec.insert(), Op.INSERT);
        }
        if (spec.scan() > 0) {
            operationchooser.addValue(spec.scan(), Op.SCAN);
        }
        if (spec.readModifyWrite() > 0) {
            operationchooser.addValue(spec.readModifyWrite(), Op.READ_MODIFY_WRITE);
        }
        keychooser = switch (spec.requestDistribution()) {
            case "uniform" -> new UniformLongGenerator(0, recordcount - 1);
            case "zipfian" -> {
                // Sized for the inserts to come (2 is YCSB's fudge factor), so that the popular keys
                // do not move as the record count grows; draws past the last insert are redrawn.
                int expectednewkeys = (int) (operationcount * spec.insert() * 2.0);
                yield new ScrambledZipfianGenerator(0, recordcount + expectednewkeys);
            }
            case "latest" -> new SkewedLatestGenerator(transactioninsertkeysequence);
            default -> throw new IllegalArgumentException("unknown request distribution " + spec.requestDistribution());
        };
        scanlength = new UniformLongGenerator(WorkloadSpec.MIN_SCAN_LENGTH, spec.maxScanLength());
    }

    WorkloadSpec spec() {
        return spec;
    }

    /** The operation chooser, for the self-check. */
    DiscreteGenerator<Op> operationchooser() {
        return operationchooser;
    }

    /** The highest record number whose insert has been acknowledged. */
    long lastInserted() {
        return transactioninsertkeysequence.lastValue();
    }

    /** One insert of the load phase (doInsert): the next record number, all fields random. */
    void doInsert(RecordBinding db, ThreadState s) {
        int keynum = (int) keysequence.nextValue();
        byte[] dbkey = YcsbKeys.key(keynum);
        long st = System.nanoTime();
        db.insert(dbkey, RecordBinding.newRecord(s.random));
        s.record(Op.INSERT, System.nanoTime() - st, true);
    }

    /** One operation of the run phase (doTransaction), chosen by the workload's proportions. */
    Op doTransaction(RecordBinding db, ThreadState s) {
        Op op = operationchooser.nextValue(s.random);
        switch (op) {
            case READ -> doTransactionRead(db, s);
            case UPDATE -> doTransactionUpdate(db, s);
            case INSERT -> doTransactionInsert(db, s);
            case SCAN -> doTransactionScan(db, s);
            case READ_MODIFY_WRITE -> doTransactionReadModifyWrite(db, s);
        }
        return op;
    }

    /** A key number of an acknowledged record, by the request distribution. */
    long nextKeynum(SplittableRandom random) {
        long keynum;
        do {
            keynum = (int) keychooser.nextValue(random); // YCSB: keychooser.nextValue().intValue()
        } while (keynum > transactioninsertkeysequence.lastValue());
        return keynum;
    }

    private void doTransactionRead(RecordBinding db, ThreadState s) {
        byte[] key = YcsbKeys.key(nextKeynum(s.random));
        long st = System.nanoTime();
        boolean ok = db.read(key, s.fields); // readallfields=true: every field
        s.record(Op.READ, System.nanoTime() - st, ok);
    }

    private void doTransactionReadModifyWrite(RecordBinding db, ThreadState s) {
        byte[] key = YcsbKeys.key(nextKeynum(s.random));
        int field = (int) fieldchooser.nextValue(s.random); // writeallfields=false: one random field
        long st = System.nanoTime();
        boolean ok = db.read(key, s.fields);
        ok &= db.update(key, field, RecordBinding.newFieldValue(s.random), s.fields);
        s.record(Op.READ_MODIFY_WRITE, System.nanoTime() - st, ok);
    }

    private void doTransactionScan(RecordBinding db, ThreadState s) {
        byte[] startkey = YcsbKeys.key(nextKeynum(s.random));
        int len = (int) scanlength.nextValue(s.random);
        long st = System.nanoTime();
        int n = db.scan(startkey, len, s.fields);
        s.record(Op.SCAN, System.nanoTime() - st, n > 0);
        s.scannedRecords += n;
    }

    private void doTransactionUpdate(RecordBinding db, ThreadState s) {
        byte[] key = YcsbKeys.key(nextKeynum(s.random));
        int field = (int) fieldchooser.nextValue(s.random);
        long st = System.nanoTime();
        boolean ok = db.update(key, field, RecordBinding.newFieldValue(s.random), s.fields);
        s.record(Op.UPDATE, System.nanoTime() - st, ok);
    }

    private void doTransactionInsert(RecordBinding db, ThreadState s) {
        long keynum = transactioninsertkeysequence.nextValue();
        try {
            byte[] dbkey = YcsbKeys.key(keynum);
            long st = System.nanoTime();
            db.insert(dbkey, RecordBinding.newRecord(s.random));
            s.record(Op.INSERT, System.nanoTime() - st, true);
        } finally {
            transactioninsertkeysequence.acknowledge(keynum);
        }
    }
}
