package dev.lsmkv.spring.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.util.ObjectUtils;

/**
 * The criteria of a derived query, kept inspectable so the query engine can answer conditions
 * on {@code @Indexed} properties from the index: a disjunction (OR) of conjunctions (AND) of
 * {@link Condition}s, as the method name reads ({@code findByAAndBOrC} = (A and B) or C).
 * Immutable.
 */
public final class LsmCriteria {

    /**
     * One condition: {@code path} (a dotted property path), the keyword, its arguments and
     * whether strings compare ignoring case. Semantics follow Spring Data's map store, except
     * that a null property never satisfies a range condition.
     */
    public record Condition(String path, Part.Type type, List<Object> args, boolean ignoreCase) {

        public Condition {
            args = java.util.Collections.unmodifiableList(new ArrayList<>(args));
        }

        Object arg(int i) {
            return args.get(i);
        }

        /** True iff {@code entity} satisfies this condition. */
        public boolean matches(Object entity) {
            Object value = PropertyPaths.read(entity, path);
            switch (type) {
                case TRUE:
                    return Boolean.TRUE.equals(value);
                case FALSE:
                    return Boolean.FALSE.equals(value);
                case SIMPLE_PROPERTY:
                    return equalsOrContains(value, arg(0));
                case NEGATING_SIMPLE_PROPERTY:
                    return !equalsOrContains(value, arg(0));
                case IS_NULL:
                    return value == null;
                case IS_NOT_NULL:
                    return value != null;
                case IS_EMPTY:
                    return isEmpty(value);
                case IS_NOT_EMPTY:
                    return !isEmpty(value);
                case LIKE, CONTAINING:
                    return contains(value, arg(0));
                case NOT_LIKE, NOT_CONTAINING:
                    return !contains(value, arg(0));
                case STARTING_WITH:
                    return value instanceof String s && arg(0) != null
                            && (ignoreCase ? s.toLowerCase(java.util.Locale.ROOT).startsWith(arg(0).toString().toLowerCase(java.util.Locale.ROOT))
                                    : s.startsWith(arg(0).toString()));
                case ENDING_WITH:
                    return value instanceof String s && arg(0) != null
                            && (ignoreCase ? s.toLowerCase(java.util.Locale.ROOT).endsWith(arg(0).toString().toLowerCase(java.util.Locale.ROOT))
                                    : s.endsWith(arg(0).toString()));
                case AFTER, GREATER_THAN:
                    return anyElement(value, v -> compare(v, arg(0)) > 0);
                case GREATER_THAN_EQUAL:
                    return anyElement(value, v -> compare(v, arg(0)) >= 0);
                case BEFORE, LESS_THAN:
                    return anyElement(value, v -> compare(v, arg(0)) < 0);
                case LESS_THAN_EQUAL:
                    return anyElement(value, v -> compare(v, arg(0)) <= 0);
                case BETWEEN:
                    return anyElement(value, v -> compare(v, arg(0)) > 0 && compare(v, arg(1)) < 0);
                case REGEX:
                    return value != null && arg(0) != null
                            && (arg(0) instanceof Pattern p ? p.matcher(value.toString()).find()
                                    : value.toString().matches(arg(0).toString()));
                case IN:
                    return in(value, arg(0));
                case NOT_IN:
                    return !in(value, arg(0));
                case EXISTS:
                    return value != null;
                default:
                    throw new UnsupportedOperationException("'" + type + "' is not supported by lsm query derivation");
            }
        }

        private boolean equalsOrContains(Object value, Object expected) {
            if (value instanceof Collection<?> c && !(expected instanceof Collection<?>)) {
                for (Object element : c) {
                    if (same(element, expected)) {
                        return true;
                    }
                }
                return false;
            }
            return same(value, expected);
        }

        private boolean same(Object value, Object expected) {
            if (ignoreCase && value instanceof String s1 && expected instanceof String s2) {
                return s1.equalsIgnoreCase(s2);
            }
            if (value instanceof Number a && expected instanceof Number b && a.getClass() != b.getClass()) {
                return compare(a, b) == 0;
            }
            if (value instanceof Enum<?> e && expected instanceof String s) {
                return e.name().equals(s);
            }
            if (value instanceof String s && expected instanceof Enum<?> e) {
                return e.name().equals(s);
            }
            return ObjectUtils.nullSafeEquals(value, expected);
        }

        private boolean contains(Object value, Object expected) {
            if (value == null) {
                return false;
            }
            if (value instanceof Collection<?> c) {
                return c.contains(expected);
            }
            if (value instanceof Object[] a) {
                return Arrays.asList(a).contains(expected);
            }
            if (value instanceof Map<?, ?> m) {
                return m.containsValue(expected);
            }
            if (expected == null) {
                return false;
            }
            return ignoreCase ? value.toString().toLowerCase(java.util.Locale.ROOT).contains(expected.toString().toLowerCase(java.util.Locale.ROOT))
                    : value.toString().contains(expected.toString());
        }

        private boolean in(Object value, Object candidates) {
            Collection<?> c = candidates instanceof Collection<?> col ? col
                    : candidates instanceof Object[] a ? Arrays.asList(a) : List.of();
            if (value instanceof Collection<?> values) {
                return c.containsAll(values);
            }
            for (Object candidate : c) {
                if (same(value, candidate)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isEmpty(Object value) {
            return value == null || (value instanceof Collection<?> c && c.isEmpty())
                    || (value instanceof Map<?, ?> m && m.isEmpty())
                    || (value instanceof String s && s.isEmpty());
        }

        private static boolean anyElement(Object value, java.util.function.Predicate<Object> test) {
            if (value instanceof Collection<?> c) {
                for (Object element : c) {
                    if (element != null && test.test(element)) {
                        return true;
                    }
                }
                return false;
            }
            return value != null && test.test(value);
        }
    }

    private final List<List<Condition>> disjuncts;

    private LsmCriteria(List<List<Condition>> disjuncts) {
        this.disjuncts = disjuncts;
    }

    /** Criteria of one condition. */
    public static LsmCriteria of(Condition condition) {
        return new LsmCriteria(List.of(List.of(condition)));
    }

    /** These criteria (one conjunction) AND {@code condition}. */
    public LsmCriteria and(Condition condition) {
        if (disjuncts.size() != 1) {
            throw new IllegalStateException("and() applies to a single conjunction");
        }
        List<Condition> conjunct = new ArrayList<>(disjuncts.get(0));
        conjunct.add(condition);
        return new LsmCriteria(List.of(List.copyOf(conjunct)));
    }

    /** These criteria OR {@code other}. */
    public LsmCriteria or(LsmCriteria other) {
        List<List<Condition>> all = new ArrayList<>(disjuncts);
        all.addAll(other.disjuncts);
        return new LsmCriteria(List.copyOf(all));
    }

    /** The OR branches, each an AND of conditions. */
    public List<List<Condition>> disjuncts() {
        return disjuncts;
    }

    /** True iff {@code entity} satisfies these criteria. */
    public boolean matches(Object entity) {
        for (List<Condition> conjunct : disjuncts) {
            if (matchesAll(conjunct, entity)) {
                return true;
            }
        }
        return false;
    }

    static boolean matchesAll(List<Condition> conjunct, Object entity) {
        for (Condition c : conjunct) {
            if (!c.matches(entity)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares two values: null lowest (as Spring Data's map store), numbers numerically across
     * types, strings and enums by name in code point order, else naturally.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
            if (isIntegral(x) && isIntegral(y)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            if (x instanceof java.math.BigDecimal || y instanceof java.math.BigDecimal
                    || x instanceof java.math.BigInteger || y instanceof java.math.BigInteger) {
                return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString()));
            }
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Enum<?> e && b instanceof String s) {
            return compareStrings(e.name(), s);
        }
        if (a instanceof String s && b instanceof Enum<?> e) {
            return compareStrings(s, e.name());
        }
        if (a instanceof String s && b instanceof String t) {
            return compareStrings(s, t);
        }
        return ((Comparable) a).compareTo(b);
    }

    /**
     * Compares strings by code point, the order of their UTF-8 keys, so that a sort or range
     * answered in memory agrees with one answered from keys. It differs from
     * {@code String.compareTo} only between supplementary characters and U+E000..U+FFFF.
     */
    static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    @Override
    public String toString() {
        return "LsmCriteria" + disjuncts;
    }
}
