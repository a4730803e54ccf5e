package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OrderedCodecTests {

    private static <T> void assertOrderKept(List<T> values, Comparator<T> natural) {
        List<T> byValue = new ArrayList<>(values);
        byValue.sort(natural);
        List<T> byBytes = new ArrayList<>(values);
        byBytes.sort((a, b) -> Arrays.compareUnsigned(OrderedCodec.encode(a), OrderedCodec.encode(b)));
        assertThat(byBytes).isEqualTo(byValue);
        for (T v : values) {
            byte[] enc = OrderedCodec.encode(v);
            assertThat(OrderedCodec.length(enc, 0)).isEqualTo(enc.length);
        }
    }

    @Test
    void longsSortNumericallyIncludingNegatives() {
        Random r = new Random(1);
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE));
        for (int i = 0; i < 500; i++) {
            values.add(r.nextLong() >> r.nextInt(64));
        }
        assertOrderKept(values, Comparator.naturalOrder());
        values.forEach(v -> assertThat(OrderedCodec.decode(OrderedCodec.encode(v), 0)).isEqualTo(v));
    }

    @Test
    void intsAndLongsShareOneEncoding() {
        assertThat(OrderedCodec.encode(42)).isEqualTo(OrderedCodec.encode(42L));
    }

    @Test
    void doublesSortNumerically() {
        Random r = new Random(2);
        List<Double> values = new ArrayList<>(List.of(-Double.MAX_VALUE, -1.5, -0.0, 0.0, 1e-300, 2.5, Double.MAX_VALUE,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        for (int i = 0; i < 500; i++) {
            values.add((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20)));
        }
        assertOrderKept(values, Double::compare);
        values.forEach(v -> assertThat(OrderedCodec.decode(OrderedCodec.encode(v), 0)).isEqualTo(v));
    }

    @Test
    void stringsSortLexicographicallyAndEscapeNul() {
        List<String> values = List.of("", "a", "a\0", "a\0b", "ab", "abc", "b", "é", "zz", "\u00ff", "a\u0001");
        assertOrderKept(values, Comparator.naturalOrder());
        values.forEach(v -> assertThat(OrderedCodec.decode(OrderedCodec.encode(v), 0)).isEqualTo(v));
    }

    @Test
    void uuidsSortAsTheirCanonicalStrings() {
        List<UUID> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(UUID.randomUUID());
        }
        values.add(new UUID(-1, -1));
        values.add(new UUID(0, 0));
        assertOrderKept(values, Comparator.comparing(UUID::toString));
        values.forEach(v -> assertThat(OrderedCodec.decode(OrderedCodec.encode(v), 0)).isEqualTo(v));
    }

    @Test
    void datesAndTimesSortChronologically() {
        Random r = new Random(3);
        List<Instant> instants = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        List<LocalDateTime> dateTimes = new ArrayList<>();
        List<Date> legacy = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-5_000_000_000L, 5_000_000_000L), r.nextInt(1_000_000_000));
            instants.add(t);
            dates.add(LocalDate.ofEpochDay(r.nextLong(-100_000, 100_000)));
            dateTimes.add(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), java.time.ZoneOffset.UTC));
            legacy.add(new Date(t.toEpochMilli()));
        }
        assertOrderKept(instants, Comparator.naturalOrder());
        assertOrderKept(dates, Comparator.naturalOrder());
        assertOrderKept(dateTimes, Comparator.naturalOrder());
        assertOrderKept(legacy, Comparator.naturalOrder());
        for (Function<Integer, Object> pick : List.<Function<Integer, Object>>of(instants::get, dates::get, dateTimes::get, legacy::get)) {
            Object v = pick.apply(7);
            assertThat(OrderedCodec.decode(OrderedCodec.encode(v), 0)).isEqualTo(v);
        }
    }

    @Test
    void keysOfOneKeyspaceAreContiguousAndOrderedById() {
        byte[] a = LsmKeys.dataKey("people", 5L);
        byte[] b = LsmKeys.dataKey("people", 500L);
        byte[] other = LsmKeys.dataKey("people2", 1L);
        byte[] idx = LsmKeys.indexKey(LsmKeys.indexPathPrefix("people", "email"), "a@x", OrderedCodec.encode(1L));
        byte[] start = LsmKeys.dataPrefix("people");
        byte[] end = LsmKeys.prefixEnd(start);
        assertThat(Arrays.compareUnsigned(a, b)).isNegative();
        assertThat(Arrays.compareUnsigned(start, a)).isNegative();
        assertThat(Arrays.compareUnsigned(b, end)).isNegative();
        assertThat(Arrays.compareUnsigned(other, start) < 0 || Arrays.compareUnsigned(other, end) >= 0).isTrue();
        assertThat(Arrays.compareUnsigned(idx, end)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void idIsRecoveredFromAnIndexKey() {
        byte[] pp = LsmKeys.indexPathPrefix("people", "email");
        byte[] id = OrderedCodec.encode(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        byte[] key = LsmKeys.indexKey(pp, "x\0y", id);
        int offset = LsmKeys.idOffsetInIndexKey(key, pp.length);
        assertThat(Arrays.copyOfRange(key, offset, key.length)).isEqualTo(id);
    }

    @Test
    void keyspaceWithNulIsRejected() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> LsmKeys.dataPrefix("a\0b")).withMessageContaining("NUL");
    }

    @Test
    void encodingAfterAPrefixInOneArrayIsThePrefixThenTheStreamedEncoding() {
        byte[] prefix = LsmKeys.dataPrefix("people");
        List<Object> values = List.of("", "a@x", "x\0y", "\u00e9t\u00e9 \uD83D\uDE00", 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 7, -7,
                Integer.MIN_VALUE, (short) 3, (byte) -2, 2.5, 'c', true, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Instant.ofEpochSecond(1_700_000_000L, 123), LocalDate.of(2026, 12, 7), new Date(5));
        for (Object v : values) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(prefix);
            OrderedCodec.encode(v, out);
            assertThat(OrderedCodec.encodeAfter(prefix, v)).as("%s", v).isEqualTo(out.toByteArray());
            java.io.ByteArrayOutputStream alone = new java.io.ByteArrayOutputStream();
            OrderedCodec.encode(v, alone);
            assertThat(OrderedCodec.encode(v)).as("%s", v).isEqualTo(alone.toByteArray());
            assertThat(LsmKeys.dataKey("people", v)).isEqualTo(out.toByteArray());
        }
    }
}
