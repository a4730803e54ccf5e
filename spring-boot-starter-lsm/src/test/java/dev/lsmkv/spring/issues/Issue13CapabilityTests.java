package dev.lsmkv.spring.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.spring.core.LsmCriteria;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import dev.lsmkv.spring.core.LsmKeyValueTemplate;
import dev.lsmkv.spring.issues.Paint.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.repository.query.parser.Part;

/**
 * Issue 13: the store does what its speed depends on. Each test counts the work (entity decodes,
 * engine writes) so that it fails when the capability regresses, not only when it gets slow.
 */
class Issue13CapabilityTests {

    @TempDir
    Path dir;

    private CountingEngine engine;
    private final CountingCodec codec = new CountingCodec();
    private LsmKeyValueAdapter adapter;
    private LsmKeyValueTemplate template;

    private void open() {
        engine = new CountingEngine(LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build()));
        KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();
        adapter = new LsmKeyValueAdapter(engine, codec, context);
        template = new LsmKeyValueTemplate(adapter, context);
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static List<Paint> paints(long from, long to) {
        return LongStream.range(from, to).mapToObj(i -> new Paint(i, Color.values()[(int) (i % 3)], "t" + (i % 7), "n" + i,
                (double) (i % 5))).collect(Collectors.toList());
    }

    private static List<Boolean> all(int n, boolean value) {
        return new ArrayList<>(java.util.Collections.nCopies(n, value));
    }

    @Test
    void countIsExactAcrossRestartsWithoutReadingTheKeyspace() {
        open();
        template.insertOrUpdateAll(paints(0, 1500), all(1500, true), Paint.class);
        template.deleteById(3L, Paint.class);
        template.update(4L, new Paint(4L, Color.RED, "x", "y"));
        template.delete(5L, Paint.class);
        assertThat(template.count(Paint.class)).isEqualTo(1498);
        engine.close();
        open();
        long scansBefore = engine.scans.get();
        long decodesBefore = codec.decodes.get();
        assertThat(template.count(Paint.class)).isEqualTo(1498);
        assertThat(template.count(Paint.class)).isEqualTo(1498);
        assertThat(codec.decodes.get()).isEqualTo(decodesBefore);
        // the first use loads 64 stripe counts with one scan; counting itself scans nothing
        assertThat(engine.scans.get() - scansBefore).isLessThanOrEqualTo(2);
        template.delete(Paint.class);
        assertThat(template.count(Paint.class)).isZero();
    }

    @Test
    void saveAllAndDeleteAllByIdAreOneAtomicBatchPerChunk() {
        open();
        template.count(Paint.class); // the keyspace's first use writes its catalog
        long before = engine.writes.get();
        template.insertOrUpdateAll(paints(0, 1000), all(1000, true), Paint.class);
        assertThat(engine.writes.get() - before).isEqualTo(1);
        before = engine.writes.get();
        template.insertOrUpdateAll(paints(1000, 3500), all(2500, true), Paint.class);
        assertThat(engine.writes.get() - before).isEqualTo(3); // chunks of 1,000
        before = engine.writes.get();
        template.deleteAllById(LongStream.range(0, 1000).boxed().toList(), Paint.class);
        assertThat(engine.writes.get() - before).isEqualTo(1);
        assertThat(template.count(Paint.class)).isEqualTo(2500);
    }

    @Test
    void bulkWritesStayOneBatchWithAnEventPublisherAndEventsCarryTheOldValues() {
        open();
        List<Object> events = new ArrayList<>();
        template.setApplicationEventPublisher(events::add);
        template.insertOrUpdateAll(paints(0, 10), all(10, true), Paint.class);
        List<Paint> changed = paints(0, 10);
        changed.forEach(p -> p.name = "changed");
        long before = engine.writes.get();
        long decodes = codec.decodes.get();
        events.clear();
        template.insertOrUpdateAll(changed, all(10, false), Paint.class);
        assertThat(engine.writes.get() - before).isEqualTo(1);
        assertThat(codec.decodes.get()).isEqualTo(decodes); // nothing decoded until a listener asks
        List<org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterUpdateEvent<?>> updates = events.stream()
                .filter(e -> e instanceof org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterUpdateEvent<?>)
                .<org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterUpdateEvent<?>>map(
                        e -> (org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterUpdateEvent<?>) e).toList();
        assertThat(updates).hasSize(10);
        assertThat(((Paint) updates.get(3).before()).name).isEqualTo("n3");
        assertThat(((Paint) updates.get(3).after()).name).isEqualTo("changed");
        events.clear();
        before = engine.writes.get();
        template.deleteAllById(LongStream.range(0, 10).boxed().toList(), Paint.class);
        assertThat(engine.writes.get() - before).isEqualTo(1);
        List<Object> payloads = events.stream()
                .filter(e -> e instanceof org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterDeleteEvent<?>)
                .<Object>map(e -> ((org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterDeleteEvent<?>) e).getPayload())
                .toList();
        assertThat(payloads).hasSize(10).allSatisfy(p -> assertThat(((Paint) p).name).isEqualTo("changed"));
        assertThat(template.count(Paint.class)).isZero();
    }

    @Test
    void aDuplicateInsertFailsItsWholeChunk() {
        open();
        template.insert(new Paint(5L, Color.RED, "a", "b"));
        List<Paint> batch = paints(0, 10);
        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> template.insertOrUpdateAll(batch, all(10, true), Paint.class));
        assertThat(template.count(Paint.class)).isEqualTo(1);
        assertThat(template.findById(0L, Paint.class)).isEmpty();
    }

    @Test
    void updateOfAnIndexedEntityDoesNotDecodeTheOldOne() {
        open();
        template.insertOrUpdateAll(paints(0, 100), all(100, true), Paint.class);
        long before = codec.decodes.get();
        for (long i = 0; i < 100; i++) {
            template.update(i, new Paint(i, Color.GREEN, "changed", "m", 9.0));
        }
        assertThat(codec.decodes.get()).isEqualTo(before);
        assertThat(template.count(new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition("color",
                Part.Type.SIMPLE_PROPERTY, List.of(Color.GREEN), false))), Paint.class)).isEqualTo(100);
        assertThat(template.find(new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition("tag",
                Part.Type.SIMPLE_PROPERTY, List.of("t1"), false))), Paint.class)).isEmpty();
    }

    @Test
    void deleteByIdOfAnIndexedEntityDecodesNothingAndLeavesIndexAndCountExact() {
        open();
        List<Object> events = new ArrayList<>();
        template.insertOrUpdateAll(paints(0, 100), all(100, true), Paint.class);
        long decodes = codec.decodes.get();
        for (long i = 0; i < 30; i++) { // no publisher: nothing kept of the deleted entity
            assertThat(template.deleteById(i, Paint.class)).isTrue();
        }
        template.setApplicationEventPublisher(events::add);
        for (long i = 30; i < 60; i++) { // an AfterDeleteEvent wanted: its bytes kept, decoded only if asked
            assertThat(template.deleteById(i, Paint.class)).isTrue();
        }
        assertThat(template.deleteById(5L, Paint.class)).isFalse();
        // the deleted entities' index keys were named by their stored values' headers, not by decoding them
        assertThat(codec.decodes.get()).isEqualTo(decodes);
        assertThat(template.count(Paint.class)).isEqualTo(40);
        byte[] index = dev.lsmkv.spring.core.LsmKeys.indexPrefix("paints");
        long indexKeys = 0;
        try (dev.lsmkv.engine.Cursor c = engine.scan(index, dev.lsmkv.spring.core.LsmKeys.prefixEnd(index))) {
            while (c.next()) {
                indexKeys++;
            }
        }
        assertThat(indexKeys).isEqualTo(40 * 3); // three @Indexed properties, one entry each
        for (Color color : Color.values()) {
            long expected = LongStream.range(60, 100).filter(i -> Color.values()[(int) (i % 3)] == color).count();
            assertThat(template.count(new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition("color",
                    Part.Type.SIMPLE_PROPERTY, List.of(color), false))), Paint.class)).isEqualTo(expected);
        }
        Object payload = events.stream()
                .filter(e -> e instanceof org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterDeleteEvent<?>)
                .map(e -> ((org.springframework.data.keyvalue.core.event.KeyValueEvent.AfterDeleteEvent<?>) e).getPayload())
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        assertThat(((Paint) payload).name).isEqualTo("n30");
        assertThat(codec.decodes.get()).isEqualTo(decodes + 1); // the one payload asked for
        close();
        open(); // the persisted counts agree after a restart, without a recount
        assertThat(template.count(Paint.class)).isEqualTo(40);
    }

    @Test
    void aDeepPageDecodesOnlyItsOwnEntities() {
        open();
        template.insertOrUpdateAll(paints(0, 5000), all(5000, true), Paint.class);
        long before = codec.decodes.get();
        List<Paint> page = new ArrayList<>();
        template.findInRange(4500, 100, Sort.by("id"), Paint.class).forEach(page::add);
        assertThat(page).extracting(p -> p.id).containsExactlyElementsOf(LongStream.range(4500, 4600).boxed().toList());
        assertThat(codec.decodes.get() - before).isEqualTo(100);
        // an indexed equality skips its offset over index keys too
        before = codec.decodes.get();
        KeyValueQuery<LsmCriteria> red = new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition("color",
                Part.Type.SIMPLE_PROPERTY, List.of(Color.RED), false)));
        red.setOffset(1000);
        red.setRows(10);
        List<Paint> reds = new ArrayList<>();
        template.find(red, Paint.class).forEach(reds::add);
        assertThat(reds).extracting(p -> p.id).containsExactlyElementsOf(LongStream.range(1000, 1010).map(i -> i * 3).boxed().toList());
        assertThat(codec.decodes.get() - before).isEqualTo(10);
    }

    private static List<Paint> withSomeNullTags(long n) {
        List<Paint> all = paints(0, n);
        for (Paint p : all) {
            p.tag = p.id % 10 == 0 ? null : "t" + (p.id * 7919 % 1000);
        }
        return all;
    }

    private static Comparator<Paint> byTag(boolean nullsFirst) {
        Comparator<String> tags = nullsFirst ? Comparator.nullsFirst(Comparator.<String>naturalOrder())
                : Comparator.nullsLast(Comparator.<String>naturalOrder());
        return Comparator.comparing((Paint p) -> p.tag, tags).thenComparing(p -> p.id);
    }

    @Test
    void aDeepPageOrderedByAnIndexedPropertyDecodesOnlyItsOwnEntities() {
        open();
        List<Paint> all = withSomeNullTags(5000);
        template.insertOrUpdateAll(all, all(5000, true), Paint.class);
        for (boolean nullsFirst : new boolean[] {true, false}) {
            Sort sort = Sort.by(nullsFirst ? Sort.Order.asc("tag") : Sort.Order.asc("tag").nullsLast());
            List<Long> expected = all.stream().sorted(byTag(nullsFirst)).map(p -> p.id).toList();
            for (long offset : new long[] {0, 100, 4450, 4950}) {
                long before = codec.decodes.get();
                List<Long> page = new ArrayList<>();
                template.findInRange(offset, 100, sort, Paint.class).forEach(p -> page.add(p.id));
                assertThat(page).as("offset %d, nulls first %s", offset, nullsFirst)
                        .isEqualTo(expected.subList((int) offset, (int) Math.min(offset + 100, expected.size())));
                assertThat(codec.decodes.get() - before).isEqualTo(page.size());
            }
            List<Long> walked = new ArrayList<>();
            for (int p = 0; p < 50; p++) {
                template.findInRange(p * 100L, 100, sort, Paint.class).forEach(e -> walked.add(e.id));
            }
            assertThat(walked).isEqualTo(expected);
        }
        // with criteria the index order still streams: the first page of a filtered sort stops early
        KeyValueQuery<LsmCriteria> named = new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition("name",
                Part.Type.ENDING_WITH, List.of("7"), false)), Sort.by("tag"));
        named.setRows(10);
        long before = codec.decodes.get();
        List<Long> firstTen = new ArrayList<>();
        template.find(named, Paint.class).forEach(p -> firstTen.add(p.id));
        assertThat(firstTen).isEqualTo(all.stream().filter(p -> p.name.endsWith("7")).sorted(byTag(true)).limit(10)
                .map(p -> p.id).toList());
        assertThat(codec.decodes.get() - before).isLessThan(1000); // the 500 null tags come first; a scan decodes 5,000
        // IsNull reads the null entries of the index
        before = codec.decodes.get();
        KeyValueQuery<LsmCriteria> noTag = new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition("tag",
                Part.Type.IS_NULL, List.of(), false)));
        assertThat(template.count(noTag, Paint.class)).isEqualTo(500);
        assertThat(template.find(noTag, Paint.class)).hasSize(500);
        assertThat(codec.decodes.get() - before).isEqualTo(500);
    }

    @Test
    void walkingAllPagesResumesWhereThePreviousPageStopped() {
        open();
        template.insertOrUpdateAll(paints(0, 3000), all(3000, true), Paint.class);
        long scansBefore = engine.scans.get();
        List<Long> seen = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            template.findInRange(p * 100L, 100, Sort.by("id"), Paint.class).forEach(e -> seen.add(e.id));
        }
        assertThat(seen).containsExactlyElementsOf(LongStream.range(0, 3000).boxed().toList());
        // a write in between invalidates the resume point; the answer stays right
        template.deleteById(0L, Paint.class);
        List<Long> page = new ArrayList<>();
        template.findInRange(100, 3, Sort.by("id"), Paint.class).forEach(e -> page.add(e.id));
        assertThat(page).containsExactly(101L, 102L, 103L);
        assertThat(engine.scans.get()).isGreaterThanOrEqualTo(scansBefore); // scans go through snapshots
    }

    @Test
    void existsAndStreamsLoadOnlyWhatTheyHandOut() {
        open();
        template.insertOrUpdateAll(paints(0, 3000), all(3000, true), Paint.class);
        long before = codec.decodes.get();
        KeyValueQuery<LsmCriteria> byName = new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition("name",
                Part.Type.STARTING_WITH, List.of("n"), false)));
        assertThat(template.exists(byName, Paint.class)).isTrue();
        assertThat(codec.decodes.get() - before).isEqualTo(1);
        before = codec.decodes.get();
        try (Stream<Paint> s = adapter.stream(byName, "paints", Paint.class)) {
            assertThat(s.limit(5).map(p -> p.id)).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
        assertThat(codec.decodes.get() - before).isLessThanOrEqualTo(6);
    }

    @Test
    void orOverlappingBranchesReturnEachEntityOnce() {
        open();
        template.insertOrUpdateAll(paints(0, 300), all(300, true), Paint.class);
        LsmCriteria red = LsmCriteria.of(new LsmCriteria.Condition("color", Part.Type.SIMPLE_PROPERTY, List.of(Color.RED), false));
        LsmCriteria small = LsmCriteria.of(new LsmCriteria.Condition("sizes", Part.Type.LESS_THAN, List.of(2.5), false));
        List<Long> ids = new ArrayList<>();
        template.find(new KeyValueQuery<>(red.or(small)), Paint.class).forEach(p -> ids.add(p.id));
        List<Long> expected = paints(0, 300).stream().filter(p -> p.color == Color.RED || p.sizes.get(0) < 2.5)
                .map(p -> p.id).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(template.count(new KeyValueQuery<>(red.or(small)), Paint.class)).isEqualTo(expected.size());
    }
}
