package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.spring.core.LsmCriteria.Condition;
import dev.lsmkv.spring.domain.Person;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.query.parser.Part;

class IndexPlannerTests {

    private static Condition c(String path, Part.Type type, Object... args) {
        return new Condition(path, type, List.of(args), false);
    }

    @Test
    void equalityOnIndexedPropertyUsesOneIdOrderedRange() {
        var plan = IndexPlanner.plan(LsmCriteria.of(c("email", Part.Type.SIMPLE_PROPERTY, "a@x")), Person.class, "people");
        assertThat(plan).isNotNull();
        assertThat(plan.ranges()).hasSize(1);
        assertThat(plan.idOrdered()).isTrue();
        assertThat(plan.exactCount()).isTrue();
    }

    @Test
    void rangeOnIndexedNumberUsesTheIndex() {
        var plan = IndexPlanner.plan(LsmCriteria.of(c("age", Part.Type.GREATER_THAN, 30)), Person.class, "people");
        assertThat(plan).isNotNull();
        assertThat(plan.idOrdered()).isFalse();
    }

    @Test
    void unindexedPropertyScans() {
        assertThat(IndexPlanner.plan(LsmCriteria.of(c("city", Part.Type.SIMPLE_PROPERTY, "Oslo")), Person.class, "people"))
                .isNull();
    }

    @Test
    void andPicksTheIndexedConditionAndEqualityOverRange() {
        var criteria = LsmCriteria.of(c("city", Part.Type.SIMPLE_PROPERTY, "Oslo"))
                .and(c("age", Part.Type.GREATER_THAN, 3)).and(c("email", Part.Type.SIMPLE_PROPERTY, "a"));
        var plan = IndexPlanner.plan(criteria, Person.class, "people");
        assertThat(plan).isNotNull();
        assertThat(plan.idOrdered()).isTrue();
        assertThat(plan.exactCount()).isFalse();
    }

    @Test
    void orWithAnUnindexedBranchScans() {
        var criteria = LsmCriteria.of(c("age", Part.Type.SIMPLE_PROPERTY, 3))
                .or(LsmCriteria.of(c("city", Part.Type.SIMPLE_PROPERTY, "Oslo")));
        assertThat(IndexPlanner.plan(criteria, Person.class, "people")).isNull();
    }

    @Test
    void ignoreCaseAndFractionalArgumentOnIntegerPropertyScan() {
        assertThat(IndexPlanner.plan(LsmCriteria.of(new Condition("email", Part.Type.SIMPLE_PROPERTY, List.of("A"), true)),
                Person.class, "people")).isNull();
        assertThat(IndexPlanner.plan(LsmCriteria.of(c("age", Part.Type.GREATER_THAN, 2.5)), Person.class, "people"))
                .isNull();
    }

    @Test
    void aKeyspacesKeptPathPrefixesPlanTheSameRangesAsFreshOnes() {
        Keyspace ks = new Keyspace("people");
        List<LsmCriteria> criteria = List.of(
                LsmCriteria.of(c("email", Part.Type.SIMPLE_PROPERTY, "a@x")),
                LsmCriteria.of(c("age", Part.Type.BETWEEN, 3, 9)),
                LsmCriteria.of(c("email", Part.Type.STARTING_WITH, "a")),
                LsmCriteria.of(c("email", Part.Type.IN, List.of("b", "a", "b"))),
                LsmCriteria.of(c("email", Part.Type.IS_NULL)).or(LsmCriteria.of(c("score", Part.Type.LESS_THAN, 2.5))),
                LsmCriteria.of(c("tags", Part.Type.SIMPLE_PROPERTY, "vip")));
        for (int round = 0; round < 2; round++) { // the second round reads the kept prefixes
            for (LsmCriteria each : criteria) {
                var fresh = IndexPlanner.plan(each, Person.class, "people");
                var kept = IndexPlanner.plan(each, Person.class, ks);
                assertThat(kept).as("%s", each).isNotNull();
                assertThat(kept.ranges()).hasSameSizeAs(fresh.ranges());
                for (int i = 0; i < fresh.ranges().size(); i++) {
                    assertThat(kept.ranges().get(i).from()).isEqualTo(fresh.ranges().get(i).from());
                    assertThat(kept.ranges().get(i).to()).isEqualTo(fresh.ranges().get(i).to());
                    assertThat(kept.ranges().get(i).pathPrefixLength()).isEqualTo(fresh.ranges().get(i).pathPrefixLength());
                }
                assertThat(List.of(kept.dedupe(), kept.idOrdered(), kept.exactCount()))
                        .isEqualTo(List.of(fresh.dedupe(), fresh.idOrdered(), fresh.exactCount()));
            }
        }
        assertThat(ks.indexPathPrefix("email")).isEqualTo(LsmKeys.indexPathPrefix("people", "email"))
                .isSameAs(ks.indexPathPrefix("email"));
    }
}
