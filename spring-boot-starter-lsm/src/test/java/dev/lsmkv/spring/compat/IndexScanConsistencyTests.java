package dev.lsmkv.spring.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.spring.Indexed;
import dev.lsmkv.spring.core.LsmCriteria.Condition;
import dev.lsmkv.spring.core.LsmCriteria;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.repository.query.parser.Part.Type;

/**
 * A derived query must mean the same whether its property is {@code @Indexed} or not: the map
 * store has no indexes, so the keyword semantics of spring-data-keyvalue's
 * {@code AbstractQueryCreatorTestBase} are the contract, and an index may only make a query
 * faster. Each case runs one condition (or a small AND/OR) twice over the same data, on an
 * indexed property ({@code ix...}) and on an unindexed twin holding the same value
 * ({@code px...}), and checks {@code find} on both, and {@code count} and a page sorted by id on
 * the indexed one, against the condition evaluated in memory ({@link LsmCriteria#matches}, the
 * semantics of the scan).
 */
class IndexScanConsistencyTests {

    @TempDir
    static Path dir;

    private static CompatStore store;
    private static KeyValueTemplate template;
    private static final List<Sample> SAMPLES = new ArrayList<>();

    @BeforeAll
    static void load() {
        store = new CompatStore(dir);
        template = store.template();
        Random r = new Random(11);
        String[] strings = {"", "a", "ab", "abc", "b", "B", "\uFFFD", "\uD83D\uDE00", "a\u0000b", "zz"};
        UUID[] uuids = {new UUID(0, 1), new UUID(0x7fffffff00000000L, 0), new UUID(0x8000000000000000L, 0),
                new UUID(-1L, 0), new UUID(0x1000000000000000L, 5)};
        BigDecimal[] decimals = {new BigDecimal("1.0"), new BigDecimal("2"), new BigDecimal("2.50"), new BigDecimal("10"),
                new BigDecimal("-3.25")};
        float[] floats = {0.1f, 0.3f, 0.5f, 1.7f, -2.2f};
        double[] doubles = {0.0, -0.0, 0.5, 1.0, 2.5, 2.0, -7.25, Double.NaN, 1e300};
        for (long id = 1; id <= 60; id++) {
            Sample s = new Sample();
            s.id = id;
            s.ixInt = s.pxInt = r.nextInt(10) - 2;
            s.ixLong = s.pxLong = r.nextInt(10) == 0 ? null : (long) r.nextInt(10);
            s.ixDouble = s.pxDouble = r.nextInt(10) == 0 ? null : doubles[r.nextInt(doubles.length)];
            s.ixFloat = s.pxFloat = floats[r.nextInt(floats.length)];
            s.ixString = s.pxString = r.nextInt(12) == 0 ? null : strings[r.nextInt(strings.length)];
            s.ixBool = s.pxBool = r.nextInt(5) == 0 ? null : r.nextBoolean();
            s.ixDate = s.pxDate = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(8));
            s.ixInstant = s.pxInstant = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(5), r.nextInt(3) * 500_000_000);
            s.ixColor = s.pxColor = Color.values()[r.nextInt(3)];
            s.ixUuid = s.pxUuid = uuids[r.nextInt(uuids.length)];
            s.ixDecimal = s.pxDecimal = decimals[r.nextInt(decimals.length)];
            s.ixTags = s.pxTags = randomSubList(r, List.of("a", "b", "c", "d"));
            s.ixNumbers = s.pxNumbers = randomSubList(r, List.of(1, 2, 3, 4));
            s.ixScores = s.pxScores = randomSubList(r, List.of(1.0, 2.0, 2.5));
            SAMPLES.add(s);
            template.insert(s);
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static <T> List<T> randomSubList(Random r, List<T> values) {
        List<T> out = new ArrayList<>();
        for (T v : values) {
            if (r.nextInt(3) == 0) {
                out.add(v);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ cases

    record Case(String name, Function<String, LsmCriteria> criteria) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case one(String property, Type type, Object... args) {
        return new Case(property + " " + type.name() + " " + describe(args),
                prefix -> LsmCriteria.of(new Condition(prefix + property, type, Arrays.asList(args), false)));
    }

    private static String describe(Object[] args) {
        StringBuilder b = new StringBuilder();
        for (Object a : args) {
            b.append(a == null ? "null" : a instanceof List<?> l ? l + ":List"
                    : a instanceof String str ? '"' + escape(str) + '"' : a + ":" + a.getClass().getSimpleName());
            b.append(' ');
        }
        return b.toString().trim();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            b.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\u%04X", (int) ch));
        }
        return b.toString();
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        List<Type> all = List.of(Type.SIMPLE_PROPERTY, Type.GREATER_THAN, Type.GREATER_THAN_EQUAL, Type.LESS_THAN,
                Type.LESS_THAN_EQUAL);
        List<Type> some = List.of(Type.SIMPLE_PROPERTY, Type.GREATER_THAN, Type.LESS_THAN_EQUAL);
        addAll(cases, "Int", all, 3, 2.5);
        addAll(cases, "Int", some, 3L, 100);
        addAll(cases, "Long", some, 4L, 4);
        addAll(cases, "Double", all, 2.5, -0.0);
        addAll(cases, "Double", some, 2, Double.NaN);
        addAll(cases, "Float", some, 0.3f, 0.3);
        addAll(cases, "String", all, "ab", "\uFFFD");
        addAll(cases, "String", some, "");
        addAll(cases, "Bool", some, false);
        addAll(cases, "Date", some, LocalDate.of(2020, 1, 4));
        addAll(cases, "Instant", some, Instant.ofEpochSecond(1_700_000_002L, 500_000_000));
        addAll(cases, "Color", some, Color.GREEN, "GREEN");
        addAll(cases, "Uuid", some, new UUID(0x7fffffff00000000L, 0));
        addAll(cases, "Decimal", List.of(Type.SIMPLE_PROPERTY), new BigDecimal("2"), new BigDecimal("2.5"), 1, 2);
        addAll(cases, "Tags", some, "b");
        addAll(cases, "Numbers", some, 3, 2.5);
        addAll(cases, "Scores", List.of(Type.SIMPLE_PROPERTY), 2);
        cases.add(one("Int", Type.BETWEEN, 0, 5));
        cases.add(one("Int", Type.BETWEEN, 5, 0));
        cases.add(one("Int", Type.BETWEEN, 0L, 5L));
        cases.add(one("Double", Type.BETWEEN, 0.0, 2.5));
        cases.add(one("String", Type.BETWEEN, "a", "b"));
        cases.add(one("Date", Type.BETWEEN, LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 6)));
        cases.add(one("Uuid", Type.BETWEEN, new UUID(0, 0), new UUID(0x7fffffffffffffffL, -1L)));
        cases.add(one("Int", Type.IN, List.of(1, 3, 5)));
        cases.add(one("Int", Type.IN, List.of(1, 1, 3)));
        cases.add(one("Int", Type.IN, List.of(3, 3L)));
        cases.add(one("String", Type.IN, List.of("a", "ab", "a")));
        cases.add(one("Color", Type.IN, List.of(Color.RED, Color.BLUE)));
        cases.add(one("Color", Type.IN, List.of("RED", "RED")));
        cases.add(one("Bool", Type.TRUE));
        cases.add(one("Bool", Type.FALSE));
        cases.add(one("String", Type.STARTING_WITH, "a"));
        cases.add(one("String", Type.STARTING_WITH, ""));
        cases.add(one("String", Type.STARTING_WITH, "a\u0000"));
        cases.add(one("String", Type.IS_NULL));
        cases.add(one("String", Type.SIMPLE_PROPERTY, (Object) null));
        cases.add(new Case("String = a OR Int = 3", p -> LsmCriteria.of(c(p + "String", Type.SIMPLE_PROPERTY, "a"))
                .or(LsmCriteria.of(c(p + "Int", Type.SIMPLE_PROPERTY, 3)))));
        cases.add(new Case("Int > 5 AND Bool TRUE", p -> LsmCriteria.of(c(p + "Int", Type.GREATER_THAN, 5))
                .and(new Condition(p + "Bool", Type.TRUE, List.of(), false))));
        cases.add(new Case("Color IN [RED, RED] OR Long = 2", p -> LsmCriteria.of(
                c(p + "Color", Type.IN, List.of(Color.RED, Color.RED))).or(LsmCriteria.of(c(p + "Long", Type.SIMPLE_PROPERTY, 2L)))));
        cases.add(new Case("Tags = a OR Tags = b", p -> LsmCriteria.of(c(p + "Tags", Type.SIMPLE_PROPERTY, "a"))
                .or(LsmCriteria.of(c(p + "Tags", Type.SIMPLE_PROPERTY, "b")))));
        return cases.stream().map(Arguments::of);
    }

    private static void addAll(List<Case> cases, String property, List<Type> types, Object... args) {
        for (Type t : types) {
            for (Object arg : args) {
                if (!(arg instanceof String) || t == Type.SIMPLE_PROPERTY || property.equals("String")) {
                    cases.add(one(property, t, arg));
                }
            }
        }
    }

    private static Condition c(String path, Type type, Object arg) {
        return new Condition(path, type, List.of(arg), false);
    }

    // ------------------------------------------------------------------ the check

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void indexedAndUnindexedPropertiesGiveTheSameResults(Case c) {
        LsmCriteria onIndexed = c.criteria().apply("ix");
        LsmCriteria onPlain = c.criteria().apply("px");
        List<Long> expected = SAMPLES.stream().filter(onPlain::matches).map(s -> s.id).sorted().toList();

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(sortedIds(template.find(new KeyValueQuery<>(onPlain), Sample.class)))
                .as("%s: find on the unindexed property", c).isEqualTo(expected);
        softly.assertThat(sortedIds(template.find(new KeyValueQuery<>(onIndexed), Sample.class)))
                .as("%s: find on the indexed property", c).isEqualTo(expected);
        softly.assertThat(template.count(new KeyValueQuery<>(onIndexed), Sample.class))
                .as("%s: count on the indexed property", c).isEqualTo(expected.size());
        KeyValueQuery<LsmCriteria> page = new KeyValueQuery<>(onIndexed, Sort.by("id"));
        page.setOffset(1);
        page.setRows(3);
        softly.assertThat(ids(template.find(page, Sample.class))).as("%s: page 2..4 by id on the indexed property", c)
                .isEqualTo(expected.subList(Math.min(1, expected.size()), Math.min(4, expected.size())));
        softly.assertAll();
    }

    private static List<Long> sortedIds(Iterable<Sample> samples) {
        return ids(samples).stream().sorted().toList();
    }

    private static List<Long> ids(Iterable<Sample> samples) {
        List<Long> ids = new ArrayList<>();
        samples.forEach(s -> ids.add(s.id));
        return ids;
    }

    // ------------------------------------------------------------------ the entity

    public enum Color { RED, GREEN, BLUE }

    /** Each property twice: indexed ({@code ix}) and not ({@code px}), always with the same value. */
    @KeySpace("samples")
    public static class Sample {

        @Id
        public Long id;
        @Indexed
        public int ixInt;
        public int pxInt;
        @Indexed
        public Long ixLong;
        public Long pxLong;
        @Indexed
        public Double ixDouble;
        public Double pxDouble;
        @Indexed
        public Float ixFloat;
        public Float pxFloat;
        @Indexed
        public String ixString;
        public String pxString;
        @Indexed
        public Boolean ixBool;
        public Boolean pxBool;
        @Indexed
        public LocalDate ixDate;
        public LocalDate pxDate;
        @Indexed
        public Instant ixInstant;
        public Instant pxInstant;
        @Indexed
        public Color ixColor;
        public Color pxColor;
        @Indexed
        public UUID ixUuid;
        public UUID pxUuid;
        @Indexed
        public BigDecimal ixDecimal;
        public BigDecimal pxDecimal;
        @Indexed
        public List<String> ixTags;
        public List<String> pxTags;
        @Indexed
        public List<Integer> ixNumbers;
        public List<Integer> pxNumbers;
        @Indexed
        public List<Double> ixScores;
        public List<Double> pxScores;
    }
}
