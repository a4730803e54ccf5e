package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.spring.domain.Person;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts when the engine is not the store's only writer ({@link LsmEngine#exclusiveWriter()}
 * false, as a replicated group's nodes): two adapters over two engine objects of one store stand
 * for two nodes, each with its own keyspace state.
 */
class SharedWriterCountTests {

    @TempDir
    Path dir;

    /** {@code store} as one node sees it: its own object, so the starter keeps separate state for it. */
    private static LsmEngine node(LsmEngine store, boolean exclusive) {
        return (LsmEngine) Proxy.newProxyInstance(LsmEngine.class.getClassLoader(), new Class<?>[] {LsmEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("exclusiveWriter")) {
                        return exclusive;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void eachNodeCountsWritesMadeThroughTheOthers() {
        try (LsmEngine store = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build())) {
            LsmKeyValueAdapter a = new LsmKeyValueAdapter(node(store, false));
            LsmKeyValueAdapter b = new LsmKeyValueAdapter(node(store, false));
            a.registerKeyspace("people", Person.class); // as at a Spring start-up
            b.registerKeyspace("people", Person.class);
            assertThat(b.count("people")).isZero();
            for (long i = 1; i <= 3; i++) {
                a.put(i, new Person(i, "p" + i + "@x", 30, "Oslo"), "people");
            }
            assertThat(b.count("people")).isEqualTo(3);
            b.delete(2L, "people", Person.class);
            assertThat(a.count("people")).isEqualTo(2);
            assertThat(b.count("people")).isEqualTo(2);
        }
    }

    @Test
    void anExclusiveWritersCountsWouldMissTheOtherNodesWrites() {
        // Why the starter must know: counters in memory only see their own process's writes.
        try (LsmEngine store = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build())) {
            LsmKeyValueAdapter a = new LsmKeyValueAdapter(node(store, true));
            LsmKeyValueAdapter b = new LsmKeyValueAdapter(node(store, true));
            a.registerKeyspace("people", Person.class);
            b.registerKeyspace("people", Person.class);
            assertThat(b.count("people")).isZero();
            a.put(1L, new Person(1L, "p1@x", 30, "Oslo"), "people");
            assertThat(a.count("people")).isEqualTo(1);
            assertThat(b.count("people")).isZero();
        }
    }
}
