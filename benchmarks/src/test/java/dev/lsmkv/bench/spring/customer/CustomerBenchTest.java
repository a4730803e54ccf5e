package dev.lsmkv.bench.spring.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs CustomerBench small, each store in its own JVM as in a real run: every store starts, every
 * workload finishes with verified results, the report has a figure per store and workload and a
 * verdict per target, and the stores' directories are gone afterwards.
 */
class CustomerBenchTest {

    @Test
    void everyStoreRunsEveryWorkloadInItsOwnJvm(@TempDir Path dir) throws Exception {
        CustomerOptions o = CustomerOptions.parse(new String[] {"--num=300", "--warmup=0", "--count_seconds=0.05",
                "--pairs=40", "--jvm_args=-Xmx256m", "--dir=" + dir});
        String report = CustomerBench.runAndReport(o);

        String header = "| workload | unit | map | jdbc | lsm-always | lsm-none |";
        assertThat(report).contains(header);
        List<String> rows = report.lines().dropWhile(l -> !l.equals(header)).skip(2)
                .takeWhile(l -> l.startsWith("|")).toList();
        assertThat(rows).hasSize(Workload.values().length);
        for (String row : rows) {
            // | workload | unit | a verified figure for each of the four stores |
            assertThat(row).matches("\\| [^|]+ \\| [a-z/]+ \\|( [0-9,]+ \\|){4}");
        }
        assertThat(rows.get(Workload.COUNT_TENTH.ordinal())).startsWith("| count() at N/10 = 30 |");
        assertThat(rows.get(Workload.SAVE_FIND_MT.ordinal())).startsWith("| save + findById of it, 4 threads |");
        assertThat(report.lines().filter(l -> l.matches("\\| .* \\| (PASS|MISS) \\|"))).hasSize(12);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("store directories removed").isEmpty();
        }
    }

    @Test
    void severalPassesReportTheMedianPassOfEachWorkload(@TempDir Path dir) throws Exception {
        CustomerOptions o = CustomerOptions.parse(new String[] {"--num=300", "--warmup=0", "--count_seconds=0.05",
                "--pairs=40", "--passes=3", "--stores=lsm-none", "--jvm_args=-Xmx256m", "--dir=" + dir});
        String report = CustomerBench.runAndReport(o);
        assertThat(report).contains("measured passes per store: 3");
        String header = "| workload | unit | lsm-none |";
        List<String> rows = report.lines().dropWhile(l -> !l.equals(header)).skip(2)
                .takeWhile(l -> l.startsWith("|")).toList();
        assertThat(rows).hasSize(Workload.values().length);
        for (String row : rows) {
            assertThat(row).matches("\\| [^|]+ \\| [a-z/]+ \\| [0-9,]+ \\|");
        }
        assertThat(report).contains("median of 3 passes: ");
    }

    @Test
    void theMedianIsTheMiddlePassAndAFailedPassIsReported() {
        Outcome slow = new Outcome(Workload.SAVE, Outcome.Status.OK, 100, 100, 1_000_000_000L, "ok");
        Outcome fast = new Outcome(Workload.SAVE, Outcome.Status.OK, 300, 300, 1_000_000_000L, "ok");
        Outcome middle = new Outcome(Workload.SAVE, Outcome.Status.OK, 200, 200, 1_000_000_000L, "ok");
        List<Outcome> m = CustomerRun.medians(List.of(List.of(slow), List.of(fast), List.of(middle)));
        assertThat(m).hasSize(1);
        assertThat(m.get(0).opsPerSecond()).isEqualTo(200.0);
        assertThat(m.get(0).detail()).endsWith("median of 3 passes: 100 / 300 / 200 ops/s");

        Outcome failed = new Outcome(Workload.SAVE, Outcome.Status.FAILED, 0, 0, 0, "count() is 7");
        m = CustomerRun.medians(List.of(List.of(fast), List.of(failed), List.of(middle)));
        assertThat(m.get(0).status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(m.get(0).detail()).isEqualTo("pass 2: count() is 7");
    }

    @Test
    void aStoreJvmPastItsCapIsKilledAndReportedAsNotFinished(@TempDir Path dir) throws Exception {
        CustomerOptions o = CustomerOptions.parse(new String[] {"--num=100000", "--stores=jdbc",
                "--store_max_seconds=1", "--dir=" + dir});
        String report = CustomerBench.runAndReport(o);

        assertThat(report).contains("its JVM was killed at --store_max_seconds=1");
        assertThat(report).contains("| save (1 per call, new ids) | ops/s | did not finish (not run) |");
        assertThat(report).contains("| findById ≥ 50% of the map store | `lsm-none` not run | n/a |");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("store directory removed").isEmpty();
        }
    }
}
