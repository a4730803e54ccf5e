package dev.lsmkv.bench.ycsb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Cheap checks that the ported generators behave as YCSB's do, run by {@link YcsbBench} before
 * the stores start (and on their own with {@code main}). Each draws from a seeded random source,
 * so a check passes or fails the same way every time for a seed; the bounds are several standard
 * deviations wide. The expected values come from the algorithms themselves: a Zipfian draw returns
 * the most popular item with probability 1/zeta(n), the second with 0.5^0.99/zeta(n).
 */
final class SelfCheck {

    private static final int ITEMS = 100_000;
    private static final int DRAWS = 1_000_000;

    private SelfCheck() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 301;
        run(seed).forEach(System.out::println);
    }

    /** The checks' results, one line each; throws IllegalStateException naming the first that fails. */
    static List<String> run(long seed) {
        List<String> lines = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        keys(lines);
        scrambledZipfian(lines, random);
        latest(lines, random);
        scanLength(lines, random);
        operationMix(lines, random);
        record(lines, random);
        return lines;
    }

    private static void keys(List<String> lines) {
        // YCSB's first keys ("user6284781860667377211" for record 0 is what every YCSB log shows).
        String k0 = YcsbKeys.keyName(0);
        String k1 = YcsbKeys.keyName(1);
        check(k0.equals("user6284781860667377211"), "key of record 0 is " + k0 + ", YCSB's is user6284781860667377211");
        lines.add("keys: record 0 -> " + k0 + ", record 1 -> " + k1 + " (FNV-64, insertorder=hashed)");
    }

    private static void scrambledZipfian(List<String> lines, SplittableRandom random) {
        // Workload C's key chooser over ITEMS records: ScrambledZipfianGenerator(0, recordcount), redrawn past the last.
        ScrambledZipfianGenerator gen = new ScrambledZipfianGenerator(0, ITEMS);
        int[] count = new int[ITEMS];
        for (int i = 0; i < DRAWS; i++) {
            long k;
            do {
                k = gen.nextValue(random);
            } while (k > ITEMS - 1);
            count[(int) k]++;
        }
        int[] sorted = count.clone();
        Arrays.sort(sorted);
        double top = sorted[ITEMS - 1] / (double) DRAWS;
        double second = sorted[ITEMS - 2] / (double) DRAWS;
        long top1 = 0;
        for (int i = ITEMS - ITEMS / 100; i < ITEMS; i++) {
            top1 += sorted[i];
        }
        double top1Share = top1 / (double) DRAWS;
        double expectTop = 1 / ScrambledZipfianGenerator.ZETAN;
        double expectSecond = Math.pow(0.5, ZipfianGenerator.ZIPFIAN_CONSTANT) / ScrambledZipfianGenerator.ZETAN;
        check(Math.abs(top - expectTop) < 0.002, "zipfian: the most popular key took " + pct(top) + ", expected " + pct(expectTop));
        check(Math.abs(second - expectSecond) < 0.002,
                "zipfian: the second key took " + pct(second) + ", expected " + pct(expectSecond));
        check(top1Share > 0.25, "zipfian: the top 1% of keys took only " + pct(top1Share) + " of the draws");
        int used = 0;
        for (int c : count) {
            used += c > 0 ? 1 : 0;
        }
        lines.add(String.format(Locale.ROOT, "zipfian (scrambled, %,d keys, %,d draws): most popular key %s (expected %s), "
                + "second %s (expected %s); the top 1%% of keys take %s of the draws; %,d keys drawn at least once",
                ITEMS, DRAWS, pct(top), pct(expectTop), pct(second), pct(expectSecond), pct(top1Share), used));
    }

    private static void latest(List<String> lines, SplittableRandom random) {
        AcknowledgedCounterGenerator inserts = new AcknowledgedCounterGenerator(ITEMS);
        SkewedLatestGenerator gen = new SkewedLatestGenerator(inserts);
        double expectNewest = 1 / ZipfianGenerator.zetastatic(ITEMS - 1, ZipfianGenerator.ZIPFIAN_CONSTANT);
        int newest = 0;
        int recent = 0;
        for (int i = 0; i < DRAWS; i++) {
            long k = gen.nextValue(random);
            check(k >= 0 && k <= ITEMS - 1, "latest: drew record " + k + " outside 0.." + (ITEMS - 1));
            newest += k == ITEMS - 1 ? 1 : 0;
            recent += k >= ITEMS - ITEMS / 100 ? 1 : 0;
        }
        double newestShare = newest / (double) DRAWS;
        double recentShare = recent / (double) DRAWS;
        check(Math.abs(newestShare - expectNewest) < 0.002,
                "latest: the newest record took " + pct(newestShare) + ", expected " + pct(expectNewest));
        check(recentShare > 0.5, "latest: the newest 1% of records took only " + pct(recentShare));
        // 1,000 inserts later the popular set has moved to them.
        for (int i = 0; i < 1000; i++) {
            inserts.acknowledge(inserts.nextValue());
        }
        long last = inserts.lastValue();
        check(last == ITEMS + 999, "latest: after 1,000 acknowledged inserts the last record is " + last);
        int newer = 0;
        for (int i = 0; i < DRAWS / 10; i++) {
            long k = gen.nextValue(random);
            check(k >= 0 && k <= last, "latest: drew record " + k + " outside 0.." + last);
            newer += k >= ITEMS ? 1 : 0;
        }
        double newerShare = newer / (double) (DRAWS / 10);
        check(newerShare > 0.4, "latest: the 1,000 new records took only " + pct(newerShare) + " after their inserts");
        lines.add(String.format(Locale.ROOT, "latest (%,d records, %,d draws): newest record %s (expected %s), newest 1%% "
                + "%s; after 1,000 more inserts those 1,000 take %s", ITEMS, DRAWS, pct(newestShare), pct(expectNewest),
                pct(recentShare), pct(newerShare)));
    }

    private static void scanLength(List<String> lines, SplittableRandom random) {
        UniformLongGenerator gen = new UniformLongGenerator(WorkloadSpec.MIN_SCAN_LENGTH, 100);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            long v = gen.nextValue(random);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = (double) sum / n;
        check(min == 1 && max == 100 && Math.abs(mean - 50.5) < 0.5,
                "scan length: min " + min + ", max " + max + ", mean " + mean + "; expected 1, 100, 50.5");
        lines.add(String.format(Locale.ROOT, "scan length (uniform 1..100): min %d, max %d, mean %.2f", min, max, mean));
    }

    private static void operationMix(List<String> lines, SplittableRandom random) {
        StringBuilder b = new StringBuilder("operation mix (100,000 draws each):");
        for (WorkloadSpec spec : WorkloadSpec.CORE) {
            CoreWorkload w = new CoreWorkload(spec, 1000, 1000);
            DiscreteGenerator<CoreWorkload.Op> chooser = w.operationchooser();
            int[] count = new int[CoreWorkload.Op.values().length];
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                count[chooser.nextValue(random).ordinal()]++;
            }
            double[] expect = {spec.read(), spec.update(), spec.insert(), spec.scan(), spec.readModifyWrite()};
            b.append(' ').append(spec.name()).append(' ');
            for (CoreWorkload.Op op : CoreWorkload.Op.values()) {
                double share = count[op.ordinal()] / (double) n;
                check(Math.abs(share - expect[op.ordinal()]) < 0.01, "workload " + spec.name() + ": " + op.label() + " "
                        + pct(share) + ", expected " + pct(expect[op.ordinal()]));
                if (share > 0) {
                    b.append(op.label().toLowerCase(Locale.ROOT)).append(' ').append(pct(share)).append(' ');
                }
            }
            b.setLength(b.length() - 1);
            b.append(';');
        }
        b.setLength(b.length() - 1);
        lines.add(b.toString());
    }

    private static void record(List<String> lines, SplittableRandom random) {
        byte[] r = RecordBinding.newRecord(random);
        RecordBinding.Fields f = new RecordBinding.Fields();
        RecordBinding.deserialize(r, f);
        check(f.count == RecordBinding.FIELD_COUNT, "record: " + f.count + " fields decoded");
        int lowest = 255;
        int highest = 0;
        for (int i = 0; i < f.count; i++) {
            check(f.valueLength[i] == RecordBinding.FIELD_LENGTH, "record: field " + i + " has " + f.valueLength[i] + " bytes");
            for (int j = f.valueOffset[i]; j < f.valueOffset[i] + f.valueLength[i]; j++) {
                lowest = Math.min(lowest, r[j] & 0xff);
                highest = Math.max(highest, r[j] & 0xff);
            }
        }
        check(lowest >= ' ' && highest < 128, "record: value bytes " + lowest + ".." + highest + " are not printable ASCII");
        lines.add("record: " + r.length + " bytes, " + f.count + " fields of " + RecordBinding.FIELD_LENGTH
                + " bytes, value bytes " + lowest + ".." + highest + " (printable ASCII, as YCSB's RandomByteIterator)");
    }

    private static void check(boolean ok, String failure) {
        if (!ok) {
            throw new IllegalStateException("YCSB generator check failed: " + failure);
        }
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
