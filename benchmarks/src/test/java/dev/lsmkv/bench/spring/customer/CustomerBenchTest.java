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
