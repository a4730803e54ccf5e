package dev.lsmkv.bench.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs SpringBench small: every store starts, every operation returns what it should. */
class SpringBenchTest {

    @Test
    void everyStoreRunsEveryOperationWithTheRightCounts(@TempDir Path dir) {
        int num = 2000;
        String report = SpringBench.runAndReport(num, dir);

        assertThat(report).contains("| operation | lsmkv | map | jdbc | jdbc-h2default | lsmkv/jdbc | lsmkv/map |");
        for (SpringBench.Op op : SpringBench.Op.values()) {
            assertThat(report).contains("| " + op.label + " |");
        }
        assertThat(report).containsPattern("Target: repository save/findById at least 10× .*save \\(new\\) (PASS|MISS)");
        assertThat(report).containsPattern("findById (PASS|MISS)");

        // Checks table: | store | saved | found | queries | results | expected | updated | visible |
        Map<String, long[]> checks = report.lines()
                .filter(l -> l.matches("\\| [a-z0-9-]+ \\|( \\d+ \\|){7}"))
                .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .collect(Collectors.toMap(cells -> cells.get(0),
                        cells -> cells.stream().skip(1).mapToLong(Long::parseLong).toArray()));
        assertThat(checks).containsOnlyKeys("lsmkv", "map", "jdbc", "jdbc-h2default");
        checks.forEach((store, c) -> {
            assertThat(c[0]).as(store + " saved").isEqualTo(num);
            assertThat(c[1]).as(store + " findById found").isEqualTo(num);
            assertThat(c[2]).as(store + " queries").isEqualTo(num / 10);
            assertThat(c[3]).as(store + " query results").isEqualTo(c[4]);
            assertThat(c[4]).as(store + " expected results: 10 per customer").isEqualTo(num / 10 * 10L);
            assertThat(c[5]).as(store + " updated").isEqualTo(num);
            assertThat(c[6]).as(store + " updates visible").isEqualTo(100);
        });
    }

    @Test
    void structuredResultsHaveARatePerOperation(@TempDir Path dir) {
        List<SpringBench.StoreResult> results = SpringBench.run(200, dir);
        assertThat(results).extracting(SpringBench.StoreResult::name)
                .containsExactly("lsmkv", "map", "jdbc", "jdbc-h2default");
        Map<String, SpringBench.StoreResult> byName = results.stream()
                .collect(Collectors.toMap(SpringBench.StoreResult::name, Function.identity()));
        byName.values().forEach(r -> assertThat(r.opsPerSecond()).hasSize(SpringBench.Op.values().length)
                .allSatisfy((op, rate) -> assertThat(rate).as(r.name() + " " + op).isPositive()));
    }
}
