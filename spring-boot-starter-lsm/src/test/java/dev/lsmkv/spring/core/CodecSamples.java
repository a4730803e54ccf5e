package dev.lsmkv.spring.core;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;

/**
 * Entity and value shapes for the codec tests: one per way a class can be built (constructor
 * visibility, records, immutables) and one holder per value type. Samples without a record's
 * equals define their own over every stored field.
 */
final class CodecSamples {

    private CodecSamples() {
    }

    // ---------------------------------------------------------------- how the class is built

    /** A package-private constructor without arguments and no setters. */
    static class PackagePrivateNoArgs {
        private Long id;
        private String name;

        PackagePrivateNoArgs() {
        }

        static PackagePrivateNoArgs of(Long id, String name) {
            PackagePrivateNoArgs e = new PackagePrivateNoArgs();
            e.id = id;
            e.name = name;
            return e;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PackagePrivateNoArgs e && Objects.equals(id, e.id) && Objects.equals(name, e.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name);
        }
    }

    /**
     * Lombok's {@code @NoArgsConstructor(access = PRIVATE)} beside a public convenience
     * constructor whose parameter is not a field: reading must use the private one.
     */
    public static class PrivateNoArgs {
        private String first;
        private String last;

        private PrivateNoArgs() {
        }

        public PrivateNoArgs(String fullName) {
            int space = fullName.indexOf(' ');
            this.first = fullName.substring(0, space);
            this.last = fullName.substring(space + 1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrivateNoArgs e && Objects.equals(first, e.first) && Objects.equals(last, e.last);
        }

        @Override
        public int hashCode() {
            return Objects.hash(first, last);
        }
    }

    /** JPA style: a protected constructor without arguments and a package-private one with. */
    public static class ProtectedNoArgs {
        private Long id;
        private int count;

        protected ProtectedNoArgs() {
        }

        ProtectedNoArgs(Long id, int count, boolean unused) {
            this.id = id;
            this.count = count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ProtectedNoArgs e && Objects.equals(id, e.id) && count == e.count;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, count);
        }
    }

    public record PublicRecord(Long id, String name, List<String> tags) {
    }

    record PackagePrivateRecord(Long id, String name) {
    }

    /** A record whose compact canonical constructor checks its arguments. */
    record CheckingRecord(String id, int amount) {
        CheckingRecord {
            Objects.requireNonNull(id, "id");
            if (amount < 0) {
                throw new IllegalArgumentException("amount");
            }
        }
    }

    private record PrivateRecord(String id, Instant at) {
        private PrivateRecord(String id, Instant at) {
            this.id = id;
            this.at = at;
        }
    }

    /** A private record (with a private canonical constructor), for tests outside this class. */
    static Object privateRecord(String id, Instant at) {
        return new PrivateRecord(id, at);
    }

    /** Only a public all-arguments constructor (names known through -parameters). */
    public static class AllArgsOnly {
        private String id;
        private long version;
        private List<String> lines;

        public AllArgsOnly(String id, long version, List<String> lines) {
            this.id = id;
            this.version = version;
            this.lines = lines;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AllArgsOnly e && Objects.equals(id, e.id) && version == e.version
                    && Objects.equals(lines, e.lines);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, version, lines);
        }
    }

    /** Only a package-private all-arguments constructor. */
    static class PackagePrivateAllArgsOnly {
        private final String id;
        private final Instant at;

        PackagePrivateAllArgsOnly(String id, Instant at) {
            this.id = id;
            this.at = at;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PackagePrivateAllArgsOnly e && Objects.equals(id, e.id) && Objects.equals(at, e.at);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, at);
        }
    }

    /** A value class: final, final fields, a public constructor and a wither. */
    public static final class Immutable {
        private final String id;
        private final BigDecimal price;

        public Immutable(String id, BigDecimal price) {
            this.id = id;
            this.price = price;
        }

        public Immutable withPrice(BigDecimal newPrice) {
            return new Immutable(id, newPrice);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Immutable e && Objects.equals(id, e.id) && Objects.equals(price, e.price);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, price);
        }
    }

    /**
     * Lombok's {@code @Value} with {@code @NoArgsConstructor(force = true, access = PRIVATE)}:
     * final fields that only reflection can set after the private constructor ran.
     */
    public static final class FinalFieldsPrivateNoArgs {
        private final String id;
        private final int size;

        private FinalFieldsPrivateNoArgs() {
            this.id = null;
            this.size = 0;
        }

        public FinalFieldsPrivateNoArgs(String id, int size) {
            this.id = id;
            this.size = size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FinalFieldsPrivateNoArgs e && Objects.equals(id, e.id) && size == e.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, size);
        }
    }

    /** One field and a one-argument constructor (Jackson could take it for a delegating one). */
    public static final class SingleField {
        private final String value;

        public SingleField(String value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SingleField e && Objects.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(value);
        }
    }

    /**
     * Spring Data Redis' test User (GH-2677): the final id set by a private one-argument
     * constructor behind a factory, the other fields by fluent methods.
     */
    public static final class PrivateOneArgConstructor {
        private final String name;
        private OffsetDateTime lastAccessed;

        private PrivateOneArgConstructor(String name) {
            this.name = name;
        }

        public static PrivateOneArgConstructor of(String name) {
            return new PrivateOneArgConstructor(name);
        }

        public PrivateOneArgConstructor lastAccess(OffsetDateTime at) {
            this.lastAccessed = at;
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrivateOneArgConstructor e && Objects.equals(name, e.name)
                    && Objects.equals(lastAccessed, e.lastAccessed);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, lastAccessed);
        }
    }

    /** Two constructors, none without arguments: Spring Data's annotation picks one. */
    public static final class PersistenceCreatorChosen {
        private final String id;
        private final String name;

        public PersistenceCreatorChosen(String name) {
            this("generated", name);
        }

        @PersistenceCreator
        PersistenceCreatorChosen(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PersistenceCreatorChosen e && Objects.equals(id, e.id) && Objects.equals(name, e.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name);
        }
    }

    /** Two constructors, none without arguments, none marked: nothing says which to read with. */
    public static final class AmbiguousConstructors {
        private final String id;
        private final String name;

        public AmbiguousConstructors(String name) {
            this("generated", name);
        }

        public AmbiguousConstructors(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    public interface Shape {
    }

    public record Circle(double radius) implements Shape {
    }

    /** A field of an interface type without type information. */
    public record Drawing(String id, Shape shape) {
    }

    // ---------------------------------------------------------------- mapping rules

    public abstract static class AbstractEntity<ID> {
        private ID id;
        private Instant createdAt;

        protected AbstractEntity() {
        }

        protected AbstractEntity(ID id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }

        public ID getId() {
            return id;
        }

        protected boolean sameBase(AbstractEntity<?> o) {
            return Objects.equals(id, o.id) && Objects.equals(createdAt, o.createdAt);
        }
    }

    /** Fields declared in a generic superclass: the id must come back as a Long. */
    public static class Child extends AbstractEntity<Long> {
        private String name;

        Child() {
        }

        public Child(Long id, Instant createdAt, String name) {
            super(id, createdAt);
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Child c && sameBase(c) && Objects.equals(name, c.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getId(), name);
        }
    }

    /** Transient state: Java's modifier and Spring Data's annotation; neither is stored. */
    public static class WithTransients {
        private String id;
        private transient String cache;
        @Transient
        private String derived;

        WithTransients() {
        }

        public WithTransients(String id, String cache, String derived) {
            this.id = id;
            this.cache = cache;
            this.derived = derived;
        }

        public String id() { return id; }
        public String cache() { return cache; }
        public String derived() { return derived; }

        /** A getter over a transient field: must not bring it back into the payload. */
        public String getCache() {
            return cache;
        }
    }

    /**
     * Accessors that do not mirror the fields: a getter named differently from its field, a
     * setter that normalises, a getter that defaults null, a getter without a field.
     */
    public static class AccessorMismatch {
        private String mail;
        private String nickname;

        AccessorMismatch() {
        }

        public AccessorMismatch(String mail, String nickname) {
            this.mail = mail;
            this.nickname = nickname;
        }

        public String getEmail() {
            return mail;
        }

        public void setEmail(String email) {
            this.mail = email.toLowerCase(Locale.ROOT);
        }

        public String getNickname() {
            return nickname == null ? "" : nickname;
        }

        public void setNickname(String nickname) {
            this.nickname = nickname;
        }

        public String getDisplayName() {
            return getNickname() + " <" + mail + ">";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AccessorMismatch e && Objects.equals(mail, e.mail) && Objects.equals(nickname, e.nickname);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mail, nickname);
        }
    }

    public record Address(String street, String city) {
    }

    @JsonIgnoreType
    public record Audit(String by) {
    }

    /** An entity that is also a web DTO: annotations that shape its web JSON must not lose data. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties({"internalNote"})
    public static class WebAnnotated {
        @JsonProperty(access = JsonProperty.Access.READ_ONLY)
        private Long id;
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        private String password;
        @JsonIgnore
        private String passwordHash;
        private String internalNote;
        private List<String> roles = new ArrayList<>(List.of("user"));
        @JsonFormat(pattern = "yyyy-MM-dd HH:mm")
        private LocalDateTime lastLogin;
        @JsonFormat(shape = JsonFormat.Shape.NUMBER)
        private ZonedDateTime created;
        @JsonUnwrapped
        private Address address;
        @JsonSetter(nulls = Nulls.SKIP)
        private String locale = "en";
        @JsonMerge
        private List<String> flags = new ArrayList<>(List.of("default"));
        private Audit audit;
        @JsonIncludeProperties({"street"})
        private Address billing;

        WebAnnotated() {
        }

        static WebAnnotated sample() {
            WebAnnotated w = new WebAnnotated();
            w.id = 7L;
            w.password = "s3cret";
            w.passwordHash = "$2a$10$abc";
            w.internalNote = "vip";
            w.roles = null;
            w.lastLogin = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000);
            w.created = ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneId.of("Asia/Tokyo"));
            w.address = null;
            w.locale = null;
            w.flags = new ArrayList<>(List.of("beta"));
            w.audit = new Audit("admin");
            w.billing = new Address("Main St", "Springfield");
            return w;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WebAnnotated w && Objects.equals(id, w.id) && Objects.equals(password, w.password)
                    && Objects.equals(passwordHash, w.passwordHash) && Objects.equals(internalNote, w.internalNote)
                    && Objects.equals(roles, w.roles) && Objects.equals(lastLogin, w.lastLogin)
                    && Objects.equals(created, w.created) && Objects.equals(address, w.address)
                    && Objects.equals(locale, w.locale) && Objects.equals(flags, w.flags)
                    && Objects.equals(audit, w.audit) && Objects.equals(billing, w.billing);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, passwordHash);
        }

        @Override
        public String toString() {
            return "WebAnnotated[id=" + id + ", password=" + password + ", passwordHash=" + passwordHash
                    + ", internalNote=" + internalNote + ", roles=" + roles + ", lastLogin=" + lastLogin
                    + ", created=" + created + ", address=" + address + ", locale=" + locale + ", flags=" + flags
                    + ", audit=" + audit + ", billing=" + billing + "]";
        }
    }

    /** A field whose initialiser is not null, stored as null. */
    public static class NullOverDefault {
        private String name = "unnamed";
        private List<String> tags = new ArrayList<>();
        private Integer limit = 10;

        NullOverDefault() {
        }

        static NullOverDefault allNull() {
            NullOverDefault n = new NullOverDefault();
            n.name = null;
            n.tags = null;
            n.limit = null;
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NullOverDefault n && Objects.equals(name, n.name) && Objects.equals(tags, n.tags)
                    && Objects.equals(limit, n.limit);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, tags, limit);
        }
    }

    // ---------------------------------------------------------------- enums

    public enum Plain { RED, GREEN }

    /** Stored by its code; reading maps the code back. */
    public enum Coded {
        ACTIVE("a-1"), BLOCKED("b-2");

        private final String code;

        Coded(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    /** A display toString that two constants share. */
    public enum Labelled {
        OPEN, REOPENED, CLOSED;

        @Override
        public String toString() {
            return this == CLOSED ? "Closed" : "Open";
        }
    }

    /** Constants with bodies are anonymous subclasses. */
    public enum WithBodies {
        ADD { @Override int apply(int a, int b) { return a + b; } },
        SUB { @Override int apply(int a, int b) { return a - b; } };

        abstract int apply(int a, int b);
    }

    // ---------------------------------------------------------------- one holder per value type

    public record OffsetDateTimeValue(OffsetDateTime value) { }
    public record ZonedDateTimeValue(ZonedDateTime value) { }
    public record InstantValue(Instant value) { }
    public record LocalDateTimeValue(LocalDateTime value) { }
    public record LocalTimeValue(LocalTime value) { }
    public record LocalDateValue(LocalDate value) { }
    public record OffsetTimeValue(OffsetTime value) { }
    public record YearValues(Year year, YearMonth yearMonth, MonthDay monthDay) { }
    public record DurationValue(Duration value) { }
    public record PeriodValue(Period value) { }
    public record ZoneIdValue(ZoneId value) { }
    public record ZoneOffsetValue(ZoneOffset value) { }
    public record DateValue(Date value) { }
    public record BigDecimalValue(BigDecimal value) { }
    public record BigIntegerValue(BigInteger value) { }
    public record DoubleValues(double primitive, Double boxed) { }
    public record FloatValues(float primitive, Float boxed) { }
    public record LongValues(long primitive, Long boxed) { }
    public record SmallInts(int i, short s, byte b, Integer boxedInt, Short boxedShort, Byte boxedByte) { }
    public record BooleanValues(boolean primitive, Boolean boxed) { }
    public record OptionalValues(Optional<String> text, Optional<BigDecimal> amount) { }
    public record EnumValues(Plain plain, Coded coded, Labelled labelled, WithBodies withBody) { }
    public record EnumCollections(EnumSet<Plain> set, EnumMap<Labelled, String> map, Map<Coded, Integer> coded) { }
    public record CharValues(char primitive, Character boxed) { }
    public record StringValue(String value) { }
    public record UuidValue(UUID value) { }
    public record UriValue(URI value) { }
    public record LocaleValue(Locale value) { }
    public record NonStringKeys(Map<Long, String> longs, Map<Plain, String> enums, Map<UUID, Integer> uuids,
            Map<LocalDate, String> dates, Map<Integer, Boolean> ints) { }
    public record Nested(List<Set<Integer>> listOfSets, Map<String, List<Map<Long, String>>> deep, List<List<String>> lists) { }
    public record SetAndList(Set<String> set, List<String> list, SortedSet<String> sorted, LinkedHashSet<String> ordered,
            SortedMap<String, Integer> sortedMap) { }
    public record NullFields(String text, Integer number, Instant instant, List<String> list, Address address) { }
    public record Untyped(Map<String, Object> attributes) { }
    /** A record stored as its one value, so it can be a map key. */
    public record Sku(@JsonValue String code) { }
    public record PlainKey(String code) { }
    public record RecordKeys(Map<Sku, Integer> bySku) { }
    public record UnannotatedRecordKeys(Map<PlainKey, Integer> byKey) { }

    /** Arrays compare by content, so this holder defines equals itself. */
    public static final class ArrayHolder {
        private byte[] bytes;
        private char[] chars;
        private double[] doubles;
        private float[] floats;
        private long[] longs;

        ArrayHolder() {
        }

        public ArrayHolder(byte[] bytes, char[] chars, double[] doubles, float[] floats, long[] longs) {
            this.bytes = bytes;
            this.chars = chars;
            this.doubles = doubles;
            this.floats = floats;
            this.longs = longs;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayHolder a && Arrays.equals(bytes, a.bytes) && Arrays.equals(chars, a.chars)
                    && Arrays.equals(doubles, a.doubles) && Arrays.equals(floats, a.floats)
                    && Arrays.equals(longs, a.longs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "ArrayHolder[bytes=" + Arrays.toString(bytes) + ", chars=" + Arrays.toString(chars) + ", doubles="
                    + Arrays.toString(doubles) + ", floats=" + Arrays.toString(floats) + "]";
        }
    }

    /** URL.equals resolves host names, so tests compare external forms. */
    public record UrlValue(URL value) { }
}
