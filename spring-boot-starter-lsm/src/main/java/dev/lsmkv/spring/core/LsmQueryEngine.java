package dev.lsmkv.spring.core;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.Snapshot;
import dev.lsmkv.spring.core.LsmCriteria.Condition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.QueryEngine;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;

/**
 * Runs {@link KeyValueQuery}s against the engine. Criteria are {@link LsmCriteria} (from
 * derived queries), a {@link Predicate} (hand-built queries), or null (all).
 *
 * <p>Plan: when every OR branch has a condition on an {@code @Indexed} property that the index
 * can answer ({@link IndexPlanner}), the candidates are read from the index ranges; otherwise
 * the keyspace is scanned in id order. Either way each candidate is loaded and checked against
 * the full criteria, so the index only narrows, never decides. Everything runs on one engine
 * snapshot, so the index and the entities are read at the same point in time.
 *
 * <p>Order and paging: unsorted queries, and queries sorted by id ascending over an id-ordered
 * source, stream and stop after {@code offset + rows} matches. Other sorts keep only the best
 * {@code offset + rows} matches in a bounded heap (everything only when no row limit is given),
 * so a page of a million-entity keyspace never needs the keyspace in memory.
 */
final class LsmQueryEngine extends QueryEngine<LsmKeyValueAdapter, Object, Sort> {

    LsmQueryEngine() {
        super(KeyValueQuery::getCriteria, KeyValueQuery::getSort);
    }

    @Override
    public Collection<?> execute(@Nullable Object criteria, @Nullable Sort sort, long offset, int rows, String keyspace) {
        return execute(criteria, sort, offset, rows, keyspace, getRequiredAdapter().typeOf(keyspace));
    }

    @Override
    public <T> Collection<T> execute(@Nullable Object criteria, @Nullable Sort sort, long offset, int rows,
            String keyspace, Class<T> type) {
        LsmKeyValueAdapter adapter = getRequiredAdapter();
        adapter.rememberType(keyspace, type);
        long skip = Math.max(0, offset);
        if (rows == 0) {
            return List.of();
        }
        IndexPlanner.Plan plan = criteria instanceof LsmCriteria c ? IndexPlanner.plan(c, type, keyspace) : null;
        boolean idOrdered = plan == null || plan.idOrdered();
        Sink<T> sink;
        if (sort == null || sort.isUnsorted()
                || (idOrdered && isIdAscending(sort, IdProperties.name(type)))) {
            sink = new StreamingSink<>(skip, rows);
        } else {
            sink = new TopSink<>(EntityComparator.of(sort), skip, rows);
        }
        produce(adapter, criteria, plan, keyspace, type, sink);
        return sink.result();
    }

    @Override
    public long count(@Nullable Object criteria, String keyspace) {
        LsmKeyValueAdapter adapter = getRequiredAdapter();
        if (criteria == null) {
            return adapter.count(keyspace);
        }
        Class<?> type = adapter.typeOf(keyspace);
        IndexPlanner.Plan plan = criteria instanceof LsmCriteria c ? IndexPlanner.plan(c, type, keyspace) : null;
        if (plan != null && plan.exactCount()) {
            long n = 0;
            for (IndexPlanner.Range r : plan.ranges()) {
                try (Cursor cursor = adapter.getEngine().scan(r.from(), r.to())) {
                    while (cursor.next()) {
                        n++;
                    }
                }
            }
            return n;
        }
        CountSink<Object> sink = new CountSink<>();
        produce(adapter, criteria, plan, keyspace, (Class<Object>) type, sink);
        return sink.count;
    }

    private static <T> void produce(LsmKeyValueAdapter adapter, @Nullable Object criteria,
            IndexPlanner.@Nullable Plan plan, String keyspace, Class<T> type, Sink<T> sink) {
        Predicate<Object> filter;
        if (criteria == null) {
            filter = e -> true;
        } else if (criteria instanceof LsmCriteria c) {
            filter = c::matches;
        } else if (criteria instanceof Predicate<?> p) {
            @SuppressWarnings("unchecked")
            Predicate<Object> predicate = (Predicate<Object>) p;
            filter = predicate;
        } else {
            throw new IllegalArgumentException("unsupported criteria " + criteria.getClass().getName()
                    + ": use a derived query, LsmCriteria or a java.util.function.Predicate");
        }
        byte[] dataPrefix = adapter.dataPrefix(keyspace);
        try (Snapshot snapshot = adapter.getEngine().snapshot()) {
            if (plan == null) {
                try (Cursor c = snapshot.scan(dataPrefix, LsmKeys.prefixEnd(dataPrefix))) {
                    while (c.next()) {
                        T entity = adapter.decode(c.value(), type);
                        if (filter.test(entity) && !sink.accept(entity)) {
                            return;
                        }
                    }
                }
                return;
            }
            Set<LsmKeyValueAdapter.Key> seen = plan.dedupe() ? new HashSet<>() : null;
            for (IndexPlanner.Range r : plan.ranges()) {
                try (Cursor c = snapshot.scan(r.from(), r.to())) {
                    while (c.next()) {
                        byte[] indexKey = c.key();
                        int idOffset = LsmKeys.idOffsetInIndexKey(indexKey, r.pathPrefixLength());
                        byte[] dataKey = LsmKeys.dataKeyOfEncodedId(dataPrefix, indexKey, idOffset);
                        if (seen != null && !seen.add(new LsmKeyValueAdapter.Key(dataKey))) {
                            continue;
                        }
                        byte[] value = snapshot.get(dataKey);
                        if (value == null) {
                            continue;
                        }
                        T entity = adapter.decode(value, type);
                        if (filter.test(entity) && !sink.accept(entity)) {
                            return;
                        }
                    }
                }
            }
        }
    }

    private static boolean isIdAscending(Sort sort, String idName) {
        List<Sort.Order> orders = sort.toList();
        return orders.size() == 1 && orders.get(0).isAscending() && orders.get(0).getProperty().equals(idName);
    }

    /** Receives matches in source order; false from accept stops the source. */
    private interface Sink<T> {
        boolean accept(T entity);

        List<T> result();
    }

    private static final class StreamingSink<T> implements Sink<T> {
        private final List<T> out = new ArrayList<>();
        private long skip;
        private final int rows;

        StreamingSink(long skip, int rows) {
            this.skip = skip;
            this.rows = rows;
        }

        @Override
        public boolean accept(T entity) {
            if (skip > 0) {
                skip--;
                return true;
            }
            out.add(entity);
            return rows < 0 || out.size() < rows;
        }

        @Override
        public List<T> result() {
            return out;
        }
    }

    /** Keeps the best offset + rows matches (all when rows is unset), ties broken by arrival (= key) order. */
    private static final class TopSink<T> implements Sink<T> {
        private record Item<T>(T entity, long seq) {
        }

        private final Comparator<Item<T>> order;
        private final long skip;
        private final int rows;
        private final long keep;
        private final PriorityQueue<Item<T>> heap;
        private final List<Item<T>> all;
        private long seq;

        TopSink(Comparator<Object> comparator, long skip, int rows) {
            this.order = Comparator.<Item<T>, Object>comparing(Item::entity, comparator)
                    .thenComparingLong(Item::seq);
            this.skip = skip;
            this.rows = rows;
            this.keep = rows < 0 ? -1 : skip + rows;
            boolean bounded = keep >= 0 && keep < Integer.MAX_VALUE - 8;
            this.heap = bounded ? new PriorityQueue<>((int) Math.min(keep + 1, 1024), order.reversed()) : null;
            this.all = bounded ? null : new ArrayList<>();
        }

        @Override
        public boolean accept(T entity) {
            Item<T> item = new Item<>(entity, seq++);
            if (heap == null) {
                all.add(item);
            } else {
                heap.add(item);
                if (heap.size() > keep) {
                    heap.poll();
                }
            }
            return true;
        }

        @Override
        public List<T> result() {
            List<Item<T>> items = heap == null ? all : new ArrayList<>(heap);
            items.sort(order);
            List<T> out = new ArrayList<>();
            for (long i = skip; i < items.size() && (rows < 0 || out.size() < rows); i++) {
                out.add(items.get((int) i).entity());
            }
            return out;
        }
    }

    private static final class CountSink<T> implements Sink<T> {
        long count;

        @Override
        public boolean accept(T entity) {
            count++;
            return true;
        }

        @Override
        public List<T> result() {
            return Collections.emptyList();
        }
    }

    /** Turns a Sort into a comparator over entities, reading properties by path. */
    static final class EntityComparator {
        private EntityComparator() {
        }

        static Comparator<Object> of(Sort sort) {
            Comparator<Object> result = null;
            for (Sort.Order order : sort) {
                Comparator<Object> c = (a, b) -> compareValues(PropertyPaths.read(a, order.getProperty()),
                        PropertyPaths.read(b, order.getProperty()), order);
                result = result == null ? c : result.thenComparing(c);
            }
            return result == null ? (a, b) -> 0 : result;
        }

        private static int compareValues(Object a, Object b, Sort.Order order) {
            if (a == null || b == null) {
                if (a == b) {
                    return 0;
                }
                boolean nullsFirst = switch (order.getNullHandling()) {
                    case NULLS_FIRST -> true;
                    case NULLS_LAST -> false;
                    case NATIVE -> order.isAscending();
                };
                return (a == null) == nullsFirst ? -1 : 1;
            }
            int c = order.isIgnoreCase() && a instanceof String s && b instanceof String t
                    ? s.compareToIgnoreCase(t) : LsmCriteria.compare(a, b);
            return order.isAscending() ? c : -c;
        }
    }
}
