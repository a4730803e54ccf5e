package dev.lsmkv.spring.core;

import dev.lsmkv.spring.core.LsmCriteria.Condition;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.repository.query.parser.Part;

/**
 * Decides whether a query's candidates can come from index ranges, and which ones.
 *
 * <p>Each OR branch needs one condition on a top-level {@code @Indexed} property, not ignoring
 * case, that the index can answer: equality ({@code Is}, {@code Equals}, {@code True},
 * {@code False}, {@code In}) for every type, ranges ({@code GreaterThan[Equal]},
 * {@code LessThan[Equal]}, {@code After}, {@code Before}, {@code Between}) for ordered
 * encodings ({@link OrderedCodec#isOrdered}), and {@code StartingWith} for strings. Equality
 * beats a range; the first best condition of a branch wins. If any branch has none, there is no
 * plan and the engine scans.
 */
final class IndexPlanner {

    /** One index key range [from, to) whose keys carry an id after {@code pathPrefixLength} + value. */
    record Range(byte[] from, byte @Nullable [] to, int pathPrefixLength) {
        /** True iff {@code key} lies in [from, to). */
        boolean contains(byte[] key) {
            return java.util.Arrays.compareUnsigned(key, from) >= 0
                    && (to == null || java.util.Arrays.compareUnsigned(key, to) < 0);
        }
    }

    /**
     * The ranges to read; whether the same entity may appear twice (so ids must be de-duplicated);
     * whether the candidates come in id order; whether counting index keys is the exact count.
     */
    record Plan(List<Range> ranges, boolean dedupe, boolean idOrdered, boolean exactCount) {
    }

    private record Choice(List<Range> ranges, int score, boolean collection, boolean equalityOnOneValue) {
    }

    private IndexPlanner() {
    }

    static @Nullable Plan plan(LsmCriteria criteria, Class<?> type, String keyspace) {
        return plan(criteria, type, keyspace, path -> LsmKeys.indexPathPrefix(keyspace, path));
    }

    /** As {@link #plan(LsmCriteria, Class, String)}, with the path prefixes {@code ks} keeps. */
    static @Nullable Plan plan(LsmCriteria criteria, Class<?> type, Keyspace ks) {
        return plan(criteria, type, ks.name, ks::indexPathPrefix);
    }

    private static @Nullable Plan plan(LsmCriteria criteria, Class<?> type, String keyspace,
            java.util.function.Function<String, byte[]> pathPrefixes) {
        EntityInfo info = EntityInfo.of(type);
        if (!info.hasIndexes()) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        boolean dedupe = criteria.disjuncts().size() > 1;
        boolean idOrdered = criteria.disjuncts().size() == 1;
        boolean exact = criteria.disjuncts().size() == 1 && criteria.disjuncts().get(0).size() == 1;
        for (List<Condition> conjunct : criteria.disjuncts()) {
            Choice best = null;
            for (Condition c : conjunct) {
                Choice choice = choose(c, info, pathPrefixes);
                if (choice != null && (best == null || choice.score > best.score)) {
                    best = choice;
                }
            }
            if (best == null) {
                return null;
            }
            ranges.addAll(best.ranges);
            dedupe |= best.collection; // distinct values of a single-valued property never share an entity
            idOrdered &= best.equalityOnOneValue;
            exact &= !best.collection || best.equalityOnOneValue;
        }
        return new Plan(List.copyOf(ranges), dedupe, idOrdered, exact);
    }

    private static @Nullable Choice choose(Condition c, EntityInfo info, java.util.function.Function<String, byte[]> pathPrefixes) {
        if (c.ignoreCase() || !info.isIndexed(c.path())) {
            return null;
        }
        EntityInfo.IndexedProperty property = info.indexedProperty(c.path());
        // the type of the indexed values: a collection's element type, so 5 finds 5.0 in a List<Double>
        Class<?> fieldType = property.valueType();
        boolean collection = property.multiValued();
        if (!OrderedCodec.isCanonical(fieldType)) {
            return null; // the scan compares these exactly; their index keys cannot
        }
        if (fieldType == Float.class) {
            // floats are stored as doubles: compare with the argument's exact double, never a narrowed one
            fieldType = Double.class;
        }
        byte[] pp = pathPrefixes.apply(c.path()); // shared: never written to
        switch (c.type()) {
            case IS_NULL: {
                // a null single-valued property has an index entry (IndexWriter): IsNull reads it
                return collection ? null : new Choice(List.of(nullPoint(pp)), 3, false, true);
            }
            case SIMPLE_PROPERTY, TRUE, FALSE: {
                if (c.type() == Part.Type.SIMPLE_PROPERTY
                        && c.args().get(0) == null) {
                    return collection ? null : new Choice(List.of(nullPoint(pp)), 3, false, true);
                }
                Object v = switch (c.type()) {
                    case TRUE -> Boolean.TRUE;
                    case FALSE -> Boolean.FALSE;
                    default -> convert(c.args().get(0), fieldType);
                };
                if (v == null || v instanceof Collection<?>) {
                    return null;
                }
                return new Choice(List.of(point(pp, v)), 3, collection, true);
            }
            case IN: {
                if (collection) {
                    return null;
                }
                Object arg = c.args().get(0);
                Collection<?> values = arg instanceof Collection<?> col ? col
                        : arg instanceof Object[] a ? Arrays.asList(a) : null;
                if (values == null) {
                    return null;
                }
                // distinct encoded values: IN (a, a) reads (and counts) a once
                java.util.Map<ByteKey, Range> distinct = new java.util.TreeMap<>();
                for (Object each : values) {
                    Object v = convert(each, fieldType);
                    if (v == null) {
                        return null;
                    }
                    Range point = point(pp, v);
                    distinct.putIfAbsent(new ByteKey(point.from()), point);
                }
                List<Range> ranges = new ArrayList<>(distinct.values());
                return new Choice(ranges, 2, false, ranges.size() == 1);
            }
            case STARTING_WITH: {
                if (fieldType != String.class || !(c.args().get(0) instanceof String s)) {
                    return null;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(pp);
                byte[] encoded = OrderedCodec.encode(s);
                out.write(encoded, 0, encoded.length - 2); // without the terminator: a prefix
                byte[] from = out.toByteArray();
                return new Choice(List.of(new Range(from, LsmKeys.prefixEnd(from), pp.length)), 1, false, false);
            }
            case GREATER_THAN, AFTER, GREATER_THAN_EQUAL, LESS_THAN, BEFORE, LESS_THAN_EQUAL, BETWEEN: {
                if (!OrderedCodec.isOrdered(fieldType)) {
                    return null;
                }
                Object a = convert(c.args().get(0), fieldType);
                Object b = c.type() == Part.Type.BETWEEN ? convert(c.args().get(1), fieldType) : null;
                if (a == null || (c.type() == Part.Type.BETWEEN && b == null) || !OrderedCodec.isOrdered(a.getClass())) {
                    return null;
                }
                byte tag = OrderedCodec.encode(a)[0];
                byte[] low = LsmKeys.concat(pp, new byte[] {tag}, 0);
                byte[] high = LsmKeys.concat(pp, new byte[] {(byte) (tag + 1)}, 0);
                byte[] at = LsmKeys.indexValuePrefix(pp, a);
                byte[] from;
                byte[] to;
                switch (c.type()) {
                    case GREATER_THAN, AFTER -> { from = LsmKeys.prefixEnd(at); to = high; }
                    case GREATER_THAN_EQUAL -> { from = at; to = high; }
                    case LESS_THAN, BEFORE -> { from = low; to = at; }
                    case LESS_THAN_EQUAL -> { from = low; to = LsmKeys.prefixEnd(at); }
                    default -> { from = LsmKeys.prefixEnd(at); to = LsmKeys.indexValuePrefix(pp, b); }
                }
                return new Choice(List.of(new Range(from, to, pp.length)), 1, collection, false);
            }
            default:
                return null;
        }
    }

    /** The range of the null entries of a path. */
    static Range nullPoint(byte[] pathPrefix) {
        byte[] from = LsmKeys.concat(pathPrefix, new byte[] {OrderedCodec.NULL}, 0);
        return new Range(from, LsmKeys.prefixEnd(from), pathPrefix.length);
    }

    /**
     * A plan reading the whole index of the single sort property in the sort's order, when that order
     * is the index's (ascending, not ignoring case, a type whose keys are in {@code compareTo} order):
     * the null entries first (the comparator's NATIVE and NULLS_FIRST) or last, then or before the
     * values. Every entity has exactly one entry there, so with no other criteria each key is a match.
     */
    static @Nullable Plan sortPlan(String keyspace, Class<?> type, org.springframework.data.domain.@Nullable Sort sort,
            boolean unfiltered) {
        if (sort == null || sort.isUnsorted()) {
            return null;
        }
        List<org.springframework.data.domain.Sort.Order> orders = sort.toList();
        if (orders.size() != 1) {
            return null;
        }
        org.springframework.data.domain.Sort.Order o = orders.get(0);
        EntityInfo.IndexedProperty p = EntityInfo.of(type).indexedProperty(o.getProperty());
        if (p == null || p.multiValued() || !o.isAscending() || o.isIgnoreCase() || !OrderedCodec.isOrdered(p.valueType())) {
            return null;
        }
        byte[] pp = LsmKeys.indexPathPrefix(keyspace, p.path());
        Range nulls = nullPoint(pp);
        Range values = new Range(nulls.to(), LsmKeys.prefixEnd(pp), pp.length);
        boolean nullsLast = o.getNullHandling() == org.springframework.data.domain.Sort.NullHandling.NULLS_LAST;
        return new Plan(nullsLast ? List.of(values, nulls) : List.of(nulls, values), false, false, unfiltered);
    }

    private static Range point(byte[] pathPrefix, Object value) {
        byte[] at = LsmKeys.indexValuePrefix(pathPrefix, value);
        return new Range(at, LsmKeys.prefixEnd(at), pathPrefix.length);
    }

    /** {@code arg} as stored for a property of {@code fieldType}, or null if it cannot be. */
    private static @Nullable Object convert(@Nullable Object arg, Class<?> fieldType) {
        if (arg == null) {
            return null;
        }
        if (fieldType == Object.class) {
            return null; // element type unknown: the scan compares correctly
        }
        if (fieldType.isInstance(arg)) {
            return arg;
        }
        boolean integralField = fieldType == Long.class || fieldType == Integer.class
                || fieldType == Short.class || fieldType == Byte.class;
        if (integralField && !(arg instanceof Long || arg instanceof Integer || arg instanceof Short
                || arg instanceof Byte)) {
            return null; // 21.5 against an int property: the scan compares it correctly
        }
        DefaultConversionService conversion = (DefaultConversionService) DefaultConversionService.getSharedInstance();
        try {
            return conversion.canConvert(arg.getClass(), fieldType) ? conversion.convert(arg, fieldType) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
