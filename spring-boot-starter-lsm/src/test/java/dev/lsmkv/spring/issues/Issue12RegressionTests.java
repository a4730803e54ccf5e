package dev.lsmkv.spring.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.spring.core.JacksonEntityCodec;
import dev.lsmkv.spring.core.LsmCriteria;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import dev.lsmkv.spring.core.LsmKeyValueTemplate;
import dev.lsmkv.spring.core.LsmKeys;
import dev.lsmkv.spring.issues.Paint.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.repository.query.parser.Part;

/**
 * Issue 12: wrong answers Spring Data's own tests found in the store, each restated as a test that
 * failed before the fix. Real engine in a temporary directory, wired as a user would.
 */
class Issue12RegressionTests {

    @TempDir
    Path dir;

    private LsmEngine engine;

    private LsmEngine open() {
        engine = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build());
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static LsmKeyValueTemplate template(LsmEngine engine) {
        KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();
        return new LsmKeyValueTemplate(new LsmKeyValueAdapter(engine, JacksonEntityCodec.json(), context), context);
    }

    private static KeyValueQuery<LsmCriteria> query(String path, Part.Type type, Object... args) {
        return new KeyValueQuery<>(LsmCriteria.of(new LsmCriteria.Condition(path, type, List.of(args), false)));
    }

    private static long indexKeys(LsmEngine engine, String keyspace, String path) {
        byte[] prefix = LsmKeys.indexPathPrefix(keyspace, path);
        long n = 0;
        try (Cursor c = engine.scan(prefix, LsmKeys.prefixEnd(prefix))) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    // defect 3 ---------------------------------------------------------------------------------

    @Test
    void deleteAllRacingSavesLeavesIndexInStepWithData() throws Exception {
        KeyValueTemplate template = template(open());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
            Future<?> saver = pool.submit(() -> {
                Random random = new Random(3);
                while (System.nanoTime() < deadline) {
                    long id = random.nextInt(25);
                    template.update(id, new Paint(id, Color.values()[random.nextInt(3)], "t" + id, "p"));
                }
            });
            Future<?> deleter = pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    template.delete(Paint.class);
                }
            });
            saver.get(30, TimeUnit.SECONDS);
            deleter.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<Paint> all = new ArrayList<>();
        template.findAll(Paint.class).forEach(all::add);
        assertThat(indexKeys(engine, "paints", "color")).isEqualTo(all.size());
        assertThat(template.count(Paint.class)).isEqualTo(all.size());
        for (Color c : Color.values()) {
            long expected = all.stream().filter(p -> p.color == c).count();
            assertThat(template.find(query("color", Part.Type.SIMPLE_PROPERTY, c), Paint.class)).hasSize((int) expected);
        }
    }

    // defect 4 ---------------------------------------------------------------------------------

    @Test
    void countWithDuplicateInValuesCountsEachEntityOnce() {
        KeyValueTemplate template = template(open());
        template.insert(new Paint(1L, Color.RED, "alpha", "a"));
        template.insert(new Paint(2L, Color.RED, "alpha", "b"));
        template.insert(new Paint(3L, Color.RED, "beta", "c"));
        KeyValueQuery<LsmCriteria> in = query("tag", Part.Type.IN, List.of("alpha", "alpha"));
        assertThat(template.find(in, Paint.class)).hasSize(2);
        assertThat(template.count(in, Paint.class)).isEqualTo(2);
    }

    // defect 5 ---------------------------------------------------------------------------------

    @Test
    void indexedListOfDoublesAnswersIntegerArguments() {
        KeyValueTemplate template = template(open());
        template.insert(new Paint(1L, Color.RED, "x", "a", 1.5, 6.0));
        template.insert(new Paint(2L, Color.RED, "x", "b", 2.0));
        assertThat(template.find(query("sizes", Part.Type.GREATER_THAN, 5), Paint.class)).extracting(p -> p.id)
                .containsExactly(1L);
        assertThat(template.find(query("sizes", Part.Type.SIMPLE_PROPERTY, 6), Paint.class)).extracting(p -> p.id)
                .containsExactly(1L);
        assertThat(template.count(query("sizes", Part.Type.SIMPLE_PROPERTY, 6), Paint.class)).isEqualTo(1);
    }

    // defect 6 ---------------------------------------------------------------------------------

    @Test
    void plainAdapterAfterRestartCountsAndFindsEnumsAlike() {
        KeyValueTemplate first = new KeyValueTemplate(new LsmKeyValueAdapter(open()));
        for (long i = 0; i < 5; i++) {
            first.insert(new Paint(i, i < 3 ? Color.RED : Color.BLUE, "t", "n" + i));
        }
        engine.close();
        KeyValueTemplate template = new KeyValueTemplate(new LsmKeyValueAdapter(open()));
        KeyValueQuery<LsmCriteria> red = query("color", Part.Type.SIMPLE_PROPERTY, Color.RED);
        KeyValueQuery<LsmCriteria> redByName = query("name", Part.Type.STARTING_WITH, "n");
        // the count comes first: before the fix the keyspace's type was unknown until a typed call
        assertThat(template.count(red, Paint.class)).isEqualTo(3);
        assertThat(template.exists(red, Paint.class)).isTrue();
        assertThat(template.count(redByName, Paint.class)).isEqualTo(5);
        assertThat(template.find(red, Paint.class)).hasSize(3);
    }

    // defect 7 ---------------------------------------------------------------------------------

    @Test
    void sortByUuidIdUsesUuidOrderOnEveryPath() {
        KeyValueTemplate template = template(open());
        List<Plain> all = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            Plain p = new Plain(new UUID(random.nextLong(), random.nextLong()), "n" + (i % 3));
            all.add(template.insert(p));
        }
        List<UUID> expected = all.stream().map(Plain::getId).sorted().toList();
        List<UUID> byId = new ArrayList<>();
        template.findAll(Sort.by("id"), Plain.class).forEach(p -> byId.add(p.getId()));
        assertThat(byId).isEqualTo(expected);
        List<Plain> byIdAndName = new ArrayList<>();
        template.findAll(Sort.by("id", "name"), Plain.class).forEach(byIdAndName::add);
        assertThat(byIdAndName).extracting(Plain::getId).isEqualTo(expected);
        List<Plain> page = new ArrayList<>();
        template.findInRange(10, 5, Sort.by("id"), Plain.class).forEach(page::add);
        assertThat(page).extracting(Plain::getId).isEqualTo(expected.subList(10, 15));
    }

    @KeySpace("named")
    record Named(@Id String id) {
    }

    @Test
    void sortByIdIgnoringCaseIsHonoured() {
        KeyValueTemplate template = template(open());
        for (String id : List.of("b", "A", "c", "B", "a")) {
            template.insert(new Named(id));
        }
        List<String> ids = new ArrayList<>();
        template.findAll(Sort.by(Sort.Order.asc("id").ignoreCase()), Named.class).forEach(n -> ids.add(n.id()));
        // case-insensitive order; equal ignoring case keeps key order (A < B < a < b)
        assertThat(ids).containsExactly("A", "a", "B", "b", "c");
        List<String> plain = new ArrayList<>();
        template.findAll(Sort.by("id"), Named.class).forEach(n -> plain.add(n.id()));
        assertThat(plain).containsExactly("A", "B", "a", "b", "c");
    }

    // defect 8 ---------------------------------------------------------------------------------

    @Test
    void putReturnsThePreviousValueForTypesWithoutIndexes() {
        LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(open());
        UUID id = UUID.randomUUID();
        assertThat(adapter.put(id, new Plain(id, "one"), "plain")).isNull();
        assertThat(adapter.put(id, new Plain(id, "two"), "plain")).isEqualTo(new Plain(id, "one"));
        assertThat(adapter.delete(id, "plain", Plain.class)).isEqualTo(new Plain(id, "two"));
    }

    @Test
    void nullIdOrKeyspaceIsAnIllegalArgument() {
        LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(open());
        Plain p = new Plain(UUID.randomUUID(), "x");
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.put(null, p, "plain")).withMessageContaining("id");
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.put(p.getId(), p, null)).withMessageContaining("keyspace");
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.get(null, "plain")).withMessageContaining("id");
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.get(p.getId(), null, Plain.class));
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.contains(null, "plain"));
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.delete(null, "plain"));
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.count((String) null));
    }

    // insert of immutable entities -------------------------------------------------------------

    @KeySpace("memos")
    record Memo(@Id Long id, String text) {
    }

    @Test
    void insertOfARecordReturnsItWithItsGeneratedId() {
        KeyValueTemplate template = template(open());
        Memo stored = template.insert(new Memo(null, "hello"));
        assertThat(stored.id()).isNotNull();
        assertThat(template.findById(stored.id(), Memo.class)).contains(stored);
    }
}
