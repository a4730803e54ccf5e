package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Named.named;

import dev.lsmkv.spring.core.CodecSamples.*;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;

/**
 * What every {@link EntityCodec} of the starter must keep: a value written and read back equals
 * the original. Subclasses name the codec; format-specific cases live there.
 */
abstract class AbstractEntityCodecTests {

    protected abstract EntityCodec codec();

    protected <T> T roundTrip(T value) {
        EntityCodec codec = codec();
        byte[] payload = codec.encode(value);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return codec.decode(payload, 0, payload.length, type);
    }

    private void assertRoundTrips(Object value) {
        assertEquals(value, roundTrip(value));
    }

    // ---------------------------------------------------------------- how the class is built

    @Test
    void readsClassWithPackagePrivateNoArgsConstructor() {
        assertRoundTrips(PackagePrivateNoArgs.of(1L, "a"));
    }

    @Test
    void readsClassWithPrivateNoArgsConstructorNotTheConvenienceOne() {
        assertRoundTrips(new PrivateNoArgs("Ada Lovelace"));
    }

    @Test
    void readsClassWithProtectedNoArgsConstructor() {
        assertRoundTrips(new ProtectedNoArgs(3L, 4, true));
    }

    @Test
    void readsRecords() {
        assertRoundTrips(new PublicRecord(1L, "a", List.of("x", "y")));
        assertRoundTrips(new PackagePrivateRecord(2L, "b"));
        assertRoundTrips(new CheckingRecord("c", 5));
        assertRoundTrips(CodecSamples.privateRecord("d", Instant.ofEpochSecond(1, 2)));
    }

    @Test
    void readsClassWithOnlyAnAllArgumentsConstructor() {
        assertRoundTrips(new AllArgsOnly("a", 42, List.of("l1")));
        assertRoundTrips(new PackagePrivateAllArgsOnly("b", Instant.ofEpochSecond(7, 8)));
    }

    @Test
    void readsClassWhoseOnlyConstructorIsPrivateAndTakesOneField() {
        assertRoundTrips(PrivateOneArgConstructor.of("Jon Doe")
                .lastAccess(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(2))));
    }

    @Test
    void readsImmutableClasses() {
        assertRoundTrips(new Immutable("a", new BigDecimal("9.90")).withPrice(new BigDecimal("10.00")));
        assertRoundTrips(new FinalFieldsPrivateNoArgs("b", 3));
        assertRoundTrips(new SingleField("only"));
    }

    @Test
    void readsWithTheConstructorMarkedPersistenceCreator() {
        assertRoundTrips(new PersistenceCreatorChosen("id-1", "n"));
    }

    @Test
    void refusesToStoreAClassItCannotCreateAndSaysWhatToAdd() {
        assertThatThrownBy(() -> codec().encode(new AmbiguousConstructors("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(AmbiguousConstructors.class.getName())
                .hasMessageContaining("constructor without arguments")
                .hasMessageContaining("@PersistenceCreator");
    }

    @Test
    void refusesToStoreAnInterfaceTypedFieldItCannotReadBack() {
        assertThatThrownBy(() -> codec().encode(new Drawing("d", new Circle(1.5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Drawing.class.getName())
                .hasMessageContaining("@JsonTypeInfo");
    }

    // ---------------------------------------------------------------- mapping rules

    @Test
    void readsFieldsOfAGenericSuperclassWithTheirBoundType() {
        Child read = roundTrip(new Child(5_000_000_000L, Instant.parse("2024-01-02T03:04:05.123456789Z"), "c"));
        assertEquals(new Child(5_000_000_000L, Instant.parse("2024-01-02T03:04:05.123456789Z"), "c"), read);
        assertThat(read.getId()).isInstanceOf(Long.class);
    }

    @Test
    void doesNotStoreTransientFields() {
        WithTransients read = roundTrip(new WithTransients("id", "cached", "derived"));
        assertThat(read.id()).isEqualTo("id");
        assertThat(read.cache()).isNull();
        assertThat(read.derived()).isNull();
    }

    @Test
    void storesFieldsNotWhatAccessorsSay() {
        assertRoundTrips(new AccessorMismatch("Mixed.Case@Example.org", null));
        assertRoundTrips(new AccessorMismatch("a@b", "nick"));
    }

    @Test
    void webAnnotationsDoNotDropStoredData() {
        assertRoundTrips(WebAnnotated.sample());
    }

    @Test
    void nullOverANonNullInitialiserStaysNull() {
        assertRoundTrips(NullOverDefault.allNull());
        assertRoundTrips(new NullFields(null, null, null, null, null));
    }

    @Test
    void decodesAtAnOffset() {
        PublicRecord value = new PublicRecord(9L, "off", List.of());
        byte[] payload = codec().encode(value);
        byte[] framed = new byte[payload.length + 7];
        Arrays.fill(framed, (byte) 0x7f);
        System.arraycopy(payload, 0, framed, 3, payload.length);
        assertEquals(value, codec().decode(framed, 3, payload.length, PublicRecord.class));
    }

    // ---------------------------------------------------------------- values

    @ParameterizedTest
    @MethodSource("values")
    void valueRoundTrips(Object value) {
        assertRoundTrips(value);
    }

    static Stream<Arguments> values() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        return Stream.of(
                // java.time
                arg("OffsetDateTime +02:00", new OffsetDateTimeValue(OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)))),
                arg("OffsetDateTime -09:30 with nanos", new OffsetDateTimeValue(OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutes(-9, -30)))),
                arg("ZonedDateTime Europe/Berlin", new ZonedDateTimeValue(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 5, berlin))),
                arg("ZonedDateTime in the autumn overlap, later offset", new ZonedDateTimeValue(ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, berlin).withLaterOffsetAtOverlap())),
                arg("ZonedDateTime in the autumn overlap, earlier offset", new ZonedDateTimeValue(ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, berlin).withEarlierOffsetAtOverlap())),
                arg("ZonedDateTime region UTC (not Z)", new ZonedDateTimeValue(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC")))),
                arg("ZonedDateTime offset zone", new ZonedDateTimeValue(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-3)))),
                arg("Instant with nanos", new InstantValue(Instant.ofEpochSecond(1_700_000_000L, 123_456_789))),
                arg("Instant before 1970 with nanos", new InstantValue(Instant.ofEpochSecond(-1, 1))),
                arg("Instant.MIN", new InstantValue(Instant.MIN)),
                arg("Instant.MAX", new InstantValue(Instant.MAX)),
                arg("LocalDateTime with nanos", new LocalDateTimeValue(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999))),
                arg("LocalTime with nanos", new LocalTimeValue(LocalTime.of(0, 0, 0, 1))),
                arg("LocalTime midnight", new LocalTimeValue(LocalTime.MIDNIGHT)),
                arg("LocalDate year 9999", new LocalDateValue(LocalDate.of(9999, 12, 31))),
                arg("LocalDate year 0", new LocalDateValue(LocalDate.of(0, 1, 1))),
                arg("OffsetTime", new OffsetTimeValue(OffsetTime.of(10, 11, 12, 13, ZoneOffset.ofHours(5)))),
                arg("Year, YearMonth, MonthDay", new YearValues(Year.of(-44), YearMonth.of(2024, 2), MonthDay.of(Month.FEBRUARY, 29))),
                arg("Duration with nanos", new DurationValue(Duration.ofSeconds(3_661, 1))),
                arg("Duration negative", new DurationValue(Duration.ofMillis(-1500))),
                arg("Duration largest", new DurationValue(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))),
                arg("Period not normalised", new PeriodValue(Period.of(1, 14, -3))),
                arg("ZoneId region", new ZoneIdValue(berlin)),
                arg("ZoneId UTC region", new ZoneIdValue(ZoneId.of("UTC"))),
                arg("ZoneId GMT+2 prefix", new ZoneIdValue(ZoneId.of("GMT+02:00"))),
                arg("ZoneOffset", new ZoneOffsetValue(ZoneOffset.ofHoursMinutesSeconds(-1, -2, -3))),
                arg("java.util.Date", new DateValue(new Date(1_700_000_000_123L))),
                arg("java.util.Date before 1970", new DateValue(new Date(-123_456_789_012L))),
                // numbers
                arg("BigDecimal 1.50 keeps scale 2", new BigDecimalValue(new BigDecimal("1.50"))),
                arg("BigDecimal 0.000", new BigDecimalValue(new BigDecimal("0.000"))),
                arg("BigDecimal 1E+3 (negative scale)", new BigDecimalValue(new BigDecimal("1E+3"))),
                arg("BigDecimal precise", new BigDecimalValue(new BigDecimal("-123456789012345678901234567890.123456789012345678901234567890"))),
                arg("BigDecimal 2000 digits", new BigDecimalValue(new BigDecimal(new BigInteger("7".repeat(2000)), 1000))),
                arg("BigDecimal extreme scale", new BigDecimalValue(new BigDecimal(BigInteger.valueOf(12345), Integer.MAX_VALUE))),
                arg("BigDecimal extreme negative scale", new BigDecimalValue(new BigDecimal(BigInteger.valueOf(-9), -999_999_999))),
                arg("BigInteger 2^200", new BigIntegerValue(BigInteger.TWO.pow(200))),
                arg("BigInteger -2^200", new BigIntegerValue(BigInteger.TWO.pow(200).negate())),
                arg("BigInteger -1 and 2000 digits", new BigIntegerValue(new BigInteger("-" + "9".repeat(2000)))),
                arg("double NaN, +Infinity", new DoubleValues(Double.NaN, Double.POSITIVE_INFINITY)),
                arg("double -Infinity, NaN", new DoubleValues(Double.NEGATIVE_INFINITY, Double.NaN)),
                arg("double -0.0", new DoubleValues(-0.0, -0.0)),
                arg("double MIN_VALUE, MAX_VALUE", new DoubleValues(Double.MIN_VALUE, Double.MAX_VALUE)),
                arg("double MIN_NORMAL, 0.1", new DoubleValues(Double.MIN_NORMAL, 0.1)),
                arg("double 1e23, 2^53+1 as double", new DoubleValues(1e23, (double) (1L << 53) + 2)),
                arg("float NaN, -Infinity", new FloatValues(Float.NaN, Float.NEGATIVE_INFINITY)),
                arg("float -0.0f, MIN_VALUE", new FloatValues(-0.0f, Float.MIN_VALUE)),
                arg("float 0.1f, MAX_VALUE", new FloatValues(0.1f, Float.MAX_VALUE)),
                arg("float 1.0E-10f, 3.4e38f", new FloatValues(1.0E-10f, 3.4e38f)),
                arg("long beyond 2^53", new LongValues((1L << 53) + 1, -(1L << 53) - 1)),
                arg("long MIN and MAX", new LongValues(Long.MIN_VALUE, Long.MAX_VALUE)),
                arg("int, short, byte extremes", new SmallInts(Integer.MIN_VALUE, Short.MIN_VALUE, Byte.MIN_VALUE, Integer.MAX_VALUE, Short.MAX_VALUE, Byte.MAX_VALUE)),
                arg("boolean", new BooleanValues(true, false)),
                // optionals, enums
                arg("Optional empty", new OptionalValues(Optional.empty(), Optional.empty())),
                arg("Optional present", new OptionalValues(Optional.of(""), Optional.of(new BigDecimal("2.500")))),
                arg("enums: plain, @JsonValue, shared toString, with bodies", new EnumValues(Plain.GREEN, Coded.BLOCKED, Labelled.REOPENED, WithBodies.SUB)),
                arg("enums: the other constants", new EnumValues(Plain.RED, Coded.ACTIVE, Labelled.OPEN, WithBodies.ADD)),
                arg("EnumSet, EnumMap, map of @JsonValue enum keys", new EnumCollections(EnumSet.of(Plain.GREEN),
                        new EnumMap<>(Map.of(Labelled.OPEN, "o", Labelled.REOPENED, "r", Labelled.CLOSED, "c")),
                        Map.of(Coded.ACTIVE, 1, Coded.BLOCKED, 2))),
                // text
                arg("char NUL", new CharValues('\0', '\0')),
                arg("char quote, backslash", new CharValues('"', '\\')),
                arg("char U+FFFF, U+00E9", new CharValues('\uffff', '\u00e9')),
                arg("String with NUL, controls, emoji, RTL", new StringValue("a\0b\u0001\t\n\u2028\ud83d\ude00\u05d0")),
                arg("String empty", new StringValue("")),
                arg("UUID", new UuidValue(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))),
                arg("URI with escapes", new UriValue(URI.create("https://example.org/a%20b/%E2%82%AC?q=1&r=%26#frag"))),
                arg("URI relative", new UriValue(URI.create("../x?y"))),
                arg("Locale en_US", new LocaleValue(Locale.US)),
                arg("Locale ROOT", new LocaleValue(Locale.ROOT)),
                arg("Locale with script", new LocaleValue(Locale.forLanguageTag("sr-Latn-RS"))),
                arg("Locale with extension", new LocaleValue(Locale.forLanguageTag("de-DE-u-co-phonebk"))),
                arg("Locale with variant", new LocaleValue(new Locale("de", "CH", "POSIX"))),
                arg("Locale ja_JP_JP", new LocaleValue(new Locale("ja", "JP", "JP"))),
                // collections
                arg("Map with Long, enum, UUID, LocalDate, Integer keys", new NonStringKeys(
                        new LinkedHashMap<>(Map.of(Long.MAX_VALUE, "max", -1L, "neg")),
                        Map.of(Plain.RED, "r"), Map.of(UUID.fromString("00000000-0000-0001-0000-000000000001"), 1),
                        Map.of(LocalDate.of(2024, 1, 31), "d"), Map.of(0, true))),
                arg("Map with @JsonValue record keys", new RecordKeys(Map.of(new Sku("a-1"), 1, new Sku("Sku[code=x]"), 2))),
                arg("nested collections", new Nested(List.of(Set.of(1, 2), Set.of()),
                        Map.of("k", List.of(Map.of(1L, "a"), Map.of())), List.of(List.of(), List.of("x")))),
                arg("Set, List with duplicates, SortedSet, LinkedHashSet, SortedMap", new SetAndList(Set.of("b", "a"),
                        List.of("b", "a", "b"), new TreeSet<>(List.of("z", "y")), new LinkedHashSet<>(List.of("3", "1", "2")),
                        new TreeMap<>(Map.of("b", 2, "a", 1)))),
                arg("null fields", new NullFields(null, null, null, null, null)),
                arg("arrays", new ArrayHolder(new byte[] {0, -1, 127, -128}, new char[] {'a', '\0', '\uffff'},
                        new double[] {-0.0, Double.NaN}, new float[] {Float.MIN_VALUE}, new long[] {Long.MIN_VALUE})),
                arg("empty arrays", new ArrayHolder(new byte[0], new char[0], new double[0], new float[0], new long[0])),
                arg("null arrays", new ArrayHolder(null, null, null, null, null)));
    }

    private static Arguments arg(String name, Object value) {
        return Arguments.of(named(name, value));
    }

    @Test
    void largeByteArrayRoundTrips() {
        byte[] bytes = new byte[1 << 20];
        new Random(7).nextBytes(bytes);
        assertRoundTrips(new ArrayHolder(bytes, null, null, null, null));
    }

    @Test
    void randomDoublesAndFloatsRoundTripBitForBit() {
        SplittableRandom r = new SplittableRandom(42);
        double[] doubles = new double[20_000];
        float[] floats = new float[20_000];
        for (int i = 0; i < doubles.length; i++) {
            // Half arbitrary bit patterns (every exponent), half "ordinary" decimals.
            doubles[i] = i % 2 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextDouble() * Math.pow(10, r.nextInt(-20, 20));
            floats[i] = i % 2 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) doubles[i];
        }
        ArrayHolder read = roundTrip(new ArrayHolder(null, null, doubles, floats, null));
        assertEquals(new ArrayHolder(null, null, doubles, floats, null), read);
    }

    @Test
    void urlKeepsItsExternalForm() throws Exception {
        // URL.equals resolves host names; compare what URL users compare.
        URL url = URI.create("https://user@example.org:8443/p/a%20th?q=%E2%82%AC#f").toURL();
        assertThat(roundTrip(new UrlValue(url)).value().toExternalForm()).isEqualTo(url.toExternalForm());
    }

    @Test
    void namesAndNumbersBeyondJacksonsDefaultReadLimitsRoundTrip() {
        // Jackson's default read limits (property name 50,000 chars, number 1,000 digits) are
        // lower than what it writes; a value written must be readable.
        String longKey = "k".repeat(60_000);
        assertRoundTrips(new Untyped(Map.of(longKey, "v")));
        assertRoundTrips(new BigIntegerValue(new BigInteger("1".repeat(5_000))));
    }

    @Test
    void refusesRecordMapKeysThatWouldBeStoredAsToString() {
        // Read back they would be new PlainKey("PlainKey[code=x]"): refused at the first save.
        assertThatThrownBy(() -> codec().encode(new UnannotatedRecordKeys(Map.of(new PlainKey("x"), 1))))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("Map keys of record type " + PlainKey.class.getName())
                .hasMessageContaining("@JsonValue");
    }

    @Test
    void untypedValuesComeBackAsTheFormatsNaturalTypes() {
        // A documented limitation (docs/spring.md, Mapping): under Object the declared type is
        // unknown, so a small long reads as an Integer and a nested record as a Map.
        Untyped read = roundTrip(new Untyped(Map.of("n", 5L, "s", "x", "r", new Address("s", "c"))));
        assertThat(read.attributes().get("n")).isEqualTo(5);
        assertThat(read.attributes().get("s")).isEqualTo("x");
        assertThat(read.attributes().get("r")).isEqualTo(Map.of("street", "s", "city", "c"));
    }

    @Test
    void loneSurrogatesInCharsAndStrings() {
        assertRoundTrips(new CharValues('\ud83d', '\ude00'));
        assertRoundTrips(new StringValue("x\ud800y\udc00"));
    }
}
