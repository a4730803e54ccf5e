package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.domain.Person;
import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.SyncMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;

class LsmKeyValueAdapterTests {

    @TempDir
    Path engineDir;

    private LsmEngine engine;
    private LsmKeyValueAdapter adapter;

    @BeforeEach
    void open() {
        engine = LsmEngine.open(engineDir, EngineOptions.builder().syncMode(SyncMode.NONE).build());
        adapter = new LsmKeyValueAdapter(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void putGetContainsDelete() {
        Person p = new Person(1L, "a@x", 3, "Oslo");
        adapter.put(1L, p, "people");
        assertThat(adapter.get(1L, "people", Person.class)).isEqualTo(p);
        assertThat(adapter.get(1L, "people")).isEqualTo(p);
        assertThat(adapter.contains(1L, "people")).isTrue();
        assertThat(adapter.delete(1L, "people", Person.class)).isEqualTo(p);
        assertThat(adapter.contains(1L, "people")).isFalse();
        assertThat(adapter.delete(1L, "people", Person.class)).isNull();
    }

    @Test
    void clearAndDestroyKeepTheData() throws Exception {
        adapter.put(1L, new Person(1L, "a@x", 3, "Oslo"), "people");
        adapter.clear();
        adapter.destroy();
        new KeyValueTemplate(adapter).destroy();
        assertThat(adapter.count("people")).isEqualTo(1);
        assertThat(engine.stats().healthy()).isTrue(); // still open: a closed engine throws
    }

    @Test
    void getAllOfEntriesAndCountStreamAcrossChunksInIdOrder() {
        int n = ChunkedScan.CHUNK * 2 + 7;
        for (long i = n; i > 0; i--) {
            adapter.put(i - 100, new Person(i - 100, "e" + i, 1, "Oslo"), "people");
        }
        adapter.put(1L, new Person(1L, "other", 1, "Oslo"), "others");
        List<Long> ids = new ArrayList<>();
        adapter.getAllOf("people", Person.class).forEach(p -> ids.add(p.getId()));
        assertThat(ids).hasSize(n).isSorted();
        assertThat(adapter.count("people")).isEqualTo(n);
        List<Object> keys = new ArrayList<>();
        try (var it = adapter.entries("people", Person.class)) {
            it.forEachRemaining(e -> keys.add(e.getKey()));
        }
        assertThat(keys).hasSize(n).first().isEqualTo(-99L);
        adapter.deleteAllOf("people");
        assertThat(adapter.count("people")).isZero();
        assertThat(adapter.count("others")).isEqualTo(1);
    }

    @Test
    void predicateCriteriaAreSupportedForHandBuiltQueries() {
        for (long i = 0; i < 20; i++) {
            adapter.put(i, new Person(i, "e" + i, (int) i, "Oslo"), "people");
        }
        KeyValueQuery<java.util.function.Predicate<Person>> q = new KeyValueQuery<>(p -> p.getAge() % 2 == 0);
        q.setRows(3);
        q.setOffset(1);
        assertThat(adapter.find(q, "people", Person.class)).extracting(Person::getAge).containsExactly(2, 4, 6);
        assertThat(adapter.count(new KeyValueQuery<>((java.util.function.Predicate<Person>) p -> p.getAge() < 5), "people"))
                .isEqualTo(5);
    }

    @Test
    void untypedReadAfterRestartKnowsTheTypeFromTheCatalog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // issue 12, defect 6
        try (LsmEngine real = LsmEngine.open(dir)) {
            new LsmKeyValueAdapter(real).put(1L, new Person(1L, "a@x", 3, "Oslo"), "people");
        }
        try (LsmEngine real = LsmEngine.open(dir)) {
            assertThat(new LsmKeyValueAdapter(real).get(1L, "people")).isInstanceOf(Person.class);
        }
    }

    @Test
    void untypedReadOfAKeyspaceWhoseTypeCannotBeKnownIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (LsmEngine real = LsmEngine.open(dir)) {
            // Person's own keyspace is "people": a catalog naming it for "misc" is not trusted
            new LsmKeyValueAdapter(real).put(1L, new Person(1L, "a@x", 3, "Oslo"), "misc");
        }
        try (LsmEngine real = LsmEngine.open(dir)) {
            LsmKeyValueAdapter fresh = new LsmKeyValueAdapter(real);
            org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> fresh.get(1L, "misc"))
                    .withMessageContaining("keyspace 'misc'").withMessageContaining("registerKeyspace");
            fresh.registerKeyspace("misc", Person.class);
            assertThat(fresh.get(1L, "misc")).isInstanceOf(Person.class);
        }
    }

    @Test
    void anUntypedDeleteBeforeTheTypeIsKnownKeepsIndexAndCountsRight(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (LsmEngine real = LsmEngine.open(dir)) {
            LsmKeyValueAdapter adapter = new LsmKeyValueAdapter(real);
            for (long i = 0; i < 10; i++) {
                adapter.put(i, new Person(i, "e" + i + "@x", 3, "Oslo"), "misc"); // a keyspace Person does not name
            }
        }
        try (LsmEngine real = LsmEngine.open(dir)) {
            LsmKeyValueAdapter fresh = new LsmKeyValueAdapter(real);
            assertThat(fresh.contains(4L, "misc")).isTrue();
            org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> fresh.delete(4L, "misc"));
            fresh.deleteAll(java.util.List.of(5L, 6L), "misc"); // untyped: the keyspace's type is not known yet
            fresh.registerKeyspace("misc", Person.class);
            assertThat(fresh.count("misc")).isEqualTo(8);
            byte[] index = LsmKeys.indexPathPrefix("misc", "email");
            long entries = 0;
            try (dev.lsmkv.engine.Cursor c = real.scan(index, LsmKeys.prefixEnd(index))) {
                while (c.next()) {
                    entries++;
                }
            }
            assertThat(entries).isEqualTo(8);
        }
        try (LsmEngine real = LsmEngine.open(dir)) {
            LsmKeyValueAdapter again = new LsmKeyValueAdapter(real);
            again.registerKeyspace("misc", Person.class);
            assertThat(again.count("misc")).isEqualTo(8); // the persisted counts were rebuilt, not stale
        }
    }
}
