package dev.lsmkv.spring.core;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.Snapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.QueryEngine;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;

/**
 * Runs {@link KeyValueQuery}s against the engine. Criteria are {@link LsmCriteria} (from
 * derived queries and Query by Example), a {@link Predicate} (hand-built queries), or null (all).
 *
 * <p>Plan: when every OR branch has a condition on an {@code @Indexed} property that the index
 * can answer ({@link IndexPlanner}), the candidates are read from the index ranges; otherwise
 * the keyspace is scanned in id order. Each candidate is loaded and checked against the full
 * criteria, so the index only narrows, never decides; all reads of a query use one engine snapshot.
 * An entity that several ranges reach (OR branches, collection properties) is produced once, by the
 * first range that reaches it (checked on the entity itself, so de-duplication holds nothing).
 *
 * <p>Order and paging: unsorted queries, and queries sorted by id ascending where the id's key
 * order is its natural order, stream and stop after {@code offset + rows} matches. Offsets are
 * skipped over keys without loading entities where no filter needs them (all entities; a single
 * equality on an indexed property), and a scan that stopped at a page's end remembers where, so
 * the next page of the same walk starts there while the keyspace is unchanged. Other sorts keep
 * only the best {@code offset + rows} matches in a bounded heap.
 */
final class LsmQueryEngine extends QueryEngine<LsmKeyValueAdapter, Object, Sort> {

    private static final Object ALL_BY_ID = "all-by-id";

    private final LsmEngine engine;
    private final CodecRegistry codecs;
    private final KeyspaceRegistry keyspaces;

    LsmQueryEngine(LsmEngine engine, CodecRegistry codecs, KeyspaceRegistry keyspaces) {
        super(KeyValueQuery::getCriteria, KeyValueQuery::getSort);
        this.engine = engine;
        this.codecs = codecs;
        this.keyspaces = keyspaces;
    }

    @Override
    public Collection<?> execute(@Nullable Object criteria, @Nullable Sort sort, long offset, int rows, String keyspace) {
        Keyspace ks = keyspaces.get(keyspace);
        return execute(criteria, sort, offset, rows, keyspace, keyspaces.requireType(ks));
    }

    @Override
    public <T> Collection<T> execute(@Nullable Object criteria, @Nullable Sort sort, long offset, int rows,
            String keyspace, Class<T> type) {
        if (rows == 0) {
            return List.of();
        }
        Query<T> q = new Query<>(keyspaces.get(keyspace, type), criteria, type, sort);
        long skip = Math.max(0, offset);
        Sink<T> sink = q.sourceOrdered(sort) ? new StreamingSink<>(skip, rows) : new TopSink<>(EntityComparator.of(sort), skip, rows);
        q.run(sink);
        return sink.result();
    }

    /** The matches as a lazy stream over one snapshot (released when the stream is closed or ends). */
    <T> Stream<T> stream(@Nullable Object criteria, @Nullable Sort sort, long offset, int rows, String keyspace, Class<T> type) {
        Query<T> q = new Query<>(keyspaces.get(keyspace, type), criteria, type, sort);
        if (!q.sourceOrdered(sort)) {
            return execute(criteria, sort, offset, rows, keyspace, type).stream();
        }
        MatchIterator<T> it = q.iterator(Math.max(0, offset), rows);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::close);
    }

    @Override
    public long count(@Nullable Object criteria, String keyspace) {
        return count(criteria, keyspace, null);
    }

    /** The number of matches, read as {@code type} (null: the keyspace's type). */
    long count(@Nullable Object criteria, String keyspace, @Nullable Class<?> type) {
        Keyspace ks = keyspaces.get(keyspace, type);
        @SuppressWarnings("unchecked")
        Class<Object> as = type != null ? (Class<Object>) type : objectType(ks);
        if (criteria == null && keysAreMatches(ks, as)) {
            return getRequiredAdapter().count(keyspace);
        }
        Query<Object> q = new Query<>(ks, criteria, as, null);
        if (q.plan != null && q.plan.exactCount() && q.keysAreMatches) {
            long n = 0;
            try (Snapshot s = engine.snapshot()) {
                for (IndexPlanner.Range r : q.plan.ranges()) {
                    try (Cursor c = s.scan(r.from(), r.to())) {
                        while (c.next()) {
                            n++;
                        }
                    }
                }
            }
            return n;
        }
        CountSink<Object> sink = new CountSink<>();
        q.run(sink);
        return sink.count;
    }

    /** True iff something matches {@code criteria}, read as {@code type} (null: the keyspace's type); stops at the first match. */
    boolean exists(@Nullable Object criteria, String keyspace, @Nullable Class<?> type) {
        Keyspace ks = keyspaces.get(keyspace, type);
        @SuppressWarnings("unchecked")
        Class<Object> as = type != null ? (Class<Object>) type : objectType(ks);
        if (criteria == null && keysAreMatches(ks, as)) {
            return getRequiredAdapter().count(keyspace) > 0;
        }
        Query<Object> q = new Query<>(ks, criteria, as, null);
        StreamingSink<Object> sink = new StreamingSink<>(0, 1);
        q.run(sink);
        return !sink.result().isEmpty();
    }

    /**
     * True iff every entity key of {@code ks} is an instance of {@code type}: false when {@code type}
     * is a proper subtype of the keyspace's type (a {@code Dog} repository over an {@code Animal}
     * keyspace), where only a decoded entity tells.
     */
    static boolean keysAreMatches(Keyspace ks, Class<?> type) {
        Class<?> root = ks.type;
        return root == null || root == type || !root.isAssignableFrom(type);
    }

    @SuppressWarnings("unchecked")
    private Class<Object> objectType(Keyspace ks) {
        return (Class<Object>) keyspaces.requireType(ks);
    }

    // ------------------------------------------------------------------ one query

    /** A query bound to its keyspace, filter and plan. */
    private final class Query<T> {
        final Keyspace ks;
        final Class<T> type;
        final Predicate<Object> filter;
        final boolean unfiltered;
        final boolean keysAreMatches;
        final IndexPlanner.@Nullable Plan plan;
        /** The plan reads the sort property's whole index in sort order (no criteria could use an index). */
        final boolean sortPlanned;

        Query(Keyspace ks, @Nullable Object criteria, Class<T> type, @Nullable Sort sort) {
            this.ks = ks;
            this.type = type;
            this.keysAreMatches = keysAreMatches(ks, type);
            this.unfiltered = criteria == null && keysAreMatches;
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
            IndexPlanner.Plan p = criteria instanceof LsmCriteria c ? IndexPlanner.plan(c, type, ks) : null;
            IndexPlanner.Plan bySort = p == null && (criteria == null || criteria instanceof LsmCriteria)
                    ? IndexPlanner.sortPlan(ks.name, type, sort, unfiltered) : null;
            this.sortPlanned = bySort != null;
            this.plan = p != null ? p : bySort;
        }

        /** True iff the source delivers matches in {@code sort}'s order (so paging can stream). */
        boolean sourceOrdered(@Nullable Sort sort) {
            if (sort == null || sort.isUnsorted() || sortPlanned) {
                return true;
            }
            if (plan != null && !plan.idOrdered()) {
                return false;
            }
            List<Sort.Order> orders = sort.toList();
            if (orders.size() != 1) {
                return false;
            }
            Sort.Order o = orders.get(0);
            String idName = IdProperties.name(type);
            return o.isAscending() && !o.isIgnoreCase() && o.getProperty().equals(idName)
                    && keyOrderIsNaturalOrder(IdProperties.type(type));
        }

        void run(Sink<T> sink) {
            try (MatchIterator<T> it = iterator(sink.skipHint(), -1)) {
                while (it.hasNext()) {
                    if (!sink.accept(it.next())) {
                        it.stopped();
                        return;
                    }
                }
            }
        }

        MatchIterator<T> iterator(long skip, int rows) {
            return new MatchIterator<>(this, skip, rows);
        }
    }

    /**
     * Produces a query's matches in source order from one snapshot: the id-ordered data range, or
     * the plan's index ranges. Skips up to {@code skip} matches without loading entities where the
     * source alone decides a match.
     */
    private final class MatchIterator<T> implements Iterator<T>, AutoCloseable {
        private final Query<T> q;
        private final Snapshot snapshot;
        private final long modificationsAtStart;
        private final int rows;
        private long toSkip;
        private int rangeIndex = -1;
        private @Nullable Cursor cursor;
        private @Nullable T next;
        private int produced;
        private boolean done;
        private byte @Nullable [] lastDataKey;
        private byte @Nullable [] lastIndexKey;
        private int resumeRange = -1;
        private byte @Nullable [] resumeFrom;
        private final long firstOffset;

        MatchIterator(Query<T> q, long skip, int rows) {
            this.q = q;
            this.rows = rows;
            this.modificationsAtStart = q.ks.modifications.get(); // before the snapshot: see Keyspace invariant 4
            this.snapshot = engine.snapshot();
            this.firstOffset = skip;
            byte[] start = q.ks.dataPrefix;
            if (resumable() && skip > 0) {
                Keyspace.Resume r = q.ks.resume(shape(), skip);
                if (r != null) {
                    start = r.nextKey();
                    resumeRange = r.range();
                    resumeFrom = r.nextKey();
                    rangeIndex = r.range() - 1;
                    skip = 0;
                }
            }
            this.toSkip = skip;
            if (q.plan == null) {
                cursor = snapshot.scan(start, LsmKeys.prefixEnd(q.ks.dataPrefix));
                if (q.unfiltered) {
                    // every key is a match: skip the offset by key alone, loading nothing
                    while (toSkip > 0 && cursor.next()) {
                        toSkip--;
                    }
                    done = toSkip > 0;
                }
            }
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done || (rows >= 0 && produced >= rows)) {
                return false;
            }
            next = advance();
            if (next == null) {
                done = true;
                close();
                return false;
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T out = next;
            next = null;
            produced++;
            return out;
        }

        private @Nullable T advance() {
            while (true) {
                if (q.plan == null) {
                    if (!cursor.next()) {
                        return null;
                    }
                    lastDataKey = cursor.key();
                    T entity = codecs.decode(cursor.value(), q.ks.type, q.type);
                    if (entity != null && q.filter.test(entity) && skipOrTake()) {
                        return entity;
                    }
                    continue;
                }
                if (cursor == null || !cursor.next()) {
                    if (cursor != null) {
                        cursor.close();
                        cursor = null;
                    }
                    if (++rangeIndex >= q.plan.ranges().size()) {
                        return null;
                    }
                    IndexPlanner.Range r = q.plan.ranges().get(rangeIndex);
                    cursor = snapshot.scan(rangeIndex == resumeRange ? resumeFrom : r.from(), r.to());
                    if (q.plan.exactCount() && q.keysAreMatches) {
                        // every index key of this range is one match: skip by key alone
                        while (toSkip > 0 && cursor.next()) {
                            toSkip--;
                        }
                    }
                    continue;
                }
                IndexPlanner.Range r = q.plan.ranges().get(rangeIndex);
                byte[] indexKey = cursor.key();
                lastIndexKey = indexKey;
                int idOffset = LsmKeys.idOffsetInIndexKey(indexKey, r.pathPrefixLength());
                byte[] value = snapshot.get(LsmKeys.dataKeyOfEncodedId(q.ks.dataPrefix, indexKey, idOffset));
                if (value == null) {
                    continue;
                }
                T entity = codecs.decode(value, q.ks.type, q.type);
                if (entity == null || !q.filter.test(entity) || !firstReach(entity, indexKey, idOffset)) {
                    continue;
                }
                if (skipOrTake()) {
                    return entity;
                }
            }
        }

        private boolean skipOrTake() {
            if (toSkip > 0) {
                toSkip--;
                return false;
            }
            return true;
        }

        /**
         * True iff {@code indexKey} is the first key of the plan that reaches this entity: no earlier
         * range holds one of its index keys, and no smaller key of the current range does.
         */
        private boolean firstReach(Object entity, byte[] indexKey, int idOffset) {
            if (!q.plan.dedupe()) {
                return true;
            }
            byte[] encodedId = java.util.Arrays.copyOfRange(indexKey, idOffset, indexKey.length);
            Set<ByteKey> entries = IndexWriter.entries(EntityInfo.of(entity.getClass()), entity);
            for (ByteKey suffix : entries) {
                byte[] key = IndexWriter.indexKey(q.ks.indexPrefix, suffix, encodedId);
                for (int j = 0; j <= rangeIndex; j++) {
                    IndexPlanner.Range r = q.plan.ranges().get(j);
                    if (r.contains(key) && (j < rangeIndex || java.util.Arrays.compareUnsigned(key, indexKey) < 0)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** True iff every key of the source is one match, so a page's end is a place to resume from. */
        private boolean resumable() {
            return q.unfiltered && (q.plan == null || q.sortPlanned);
        }

        /** What a resume point is for: the id order, or one sort property's index order. */
        private Object shape() {
            if (q.plan == null) {
                return ALL_BY_ID;
            }
            List<ByteKey> starts = new ArrayList<>(q.plan.ranges().size());
            for (IndexPlanner.Range r : q.plan.ranges()) {
                starts.add(new ByteKey(r.from()));
            }
            return starts;
        }

        /** The source stopped because the consumer had enough: remember where a next page starts. */
        void stopped() {
            if (!resumable()) {
                return;
            }
            long consumed = firstOffset + produced;
            byte[] last = q.plan == null ? lastDataKey : lastIndexKey;
            if (last != null) {
                q.ks.remember(shape(), new Keyspace.Resume(modificationsAtStart, consumed, Math.max(rangeIndex, 0),
                        ChunkedScan.successor(last)));
            }
        }

        @Override
        public void close() {
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
            snapshot.close();
        }
    }

    /** True iff the engine's key order for ids of {@code idType} is their {@code compareTo} order. */
    static boolean keyOrderIsNaturalOrder(@Nullable Class<?> idType) {
        if (idType == null) {
            return false;
        }
        Class<?> t = OrderedCodec.box(idType);
        // Strings compare by code point everywhere in this store (LsmCriteria.compare), as their keys do.
        // UUID keys are in unsigned order, UUID.compareTo is signed; Offset/ZonedDateTime break ties by
        // local time: those sort in memory.
        return t == Long.class || t == Integer.class || t == Short.class || t == Byte.class || t == String.class
                || t == Instant.class || t == LocalDate.class || t == LocalDateTime.class || t == LocalTime.class
                || t == Date.class || t == Boolean.class || t == Double.class || t == Float.class;
    }

    // ------------------------------------------------------------------ sinks

    /** Receives matches in source order; false from accept stops the source. */
    private interface Sink<T> {
        boolean accept(T entity);

        List<T> result();

        /** How many leading matches the source skips for the sink (loading none it need not). */
        default long skipHint() {
            return 0;
        }
    }

    private static final class StreamingSink<T> implements Sink<T> {
        private final List<T> out = new ArrayList<>();
        private final long skip;
        private final int rows;

        StreamingSink(long skip, int rows) {
            this.skip = skip;
            this.rows = rows;
        }

        @Override
        public long skipHint() {
            return skip;
        }

        @Override
        public boolean accept(T entity) {
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
        private final @Nullable PriorityQueue<Item<T>> heap;
        private final @Nullable List<Item<T>> all;
        private long seq;

        TopSink(Comparator<Object> comparator, long skip, int rows) {
            this.order = Comparator.<Item<T>, Object>comparing(Item::entity, comparator).thenComparingLong(Item::seq);
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
            return List.of();
        }
    }

    /** Turns a Sort into a comparator over entities, reading properties by path. */
    static final class EntityComparator {
        private EntityComparator() {
        }

        static Comparator<Object> of(@Nullable Sort sort) {
            Comparator<Object> result = null;
            if (sort != null) {
                for (Sort.Order order : sort) {
                    Comparator<Object> c = (a, b) -> compareValues(PropertyPaths.read(a, order.getProperty()),
                            PropertyPaths.read(b, order.getProperty()), order);
                    result = result == null ? c : result.thenComparing(c);
                }
            }
            return result == null ? (a, b) -> 0 : result;
        }

        private static int compareValues(@Nullable Object a, @Nullable Object b, Sort.Order order) {
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
                    ? LsmCriteria.compareStrings(s.toLowerCase(java.util.Locale.ROOT), t.toLowerCase(java.util.Locale.ROOT))
                    : LsmCriteria.compare(a, b);
            return order.isAscending() ? c : -c;
        }
    }
}
