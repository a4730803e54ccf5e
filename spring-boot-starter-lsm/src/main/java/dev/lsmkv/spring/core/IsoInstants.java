package dev.lsmkv.spring.core;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.ser.InstantSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * {@link Instant}s as {@link DateTimeFormatter#ISO_INSTANT} text, byte for byte what Jackson's own
 * java.time support writes and reads, without a {@code DateTimeFormatter} on the common path.
 *
 * <p>Why: reading an entity with an {@code Instant} field spent about half of its decode time in
 * {@code DateTimeFormatter.parse} (a JFR profile of CustomerBench's findById, docs/benchmarks.md).
 * The format is unchanged, so values written before and after read the same: {@link #format}
 * covers years 0000-9999 (what {@code ISO_INSTANT} prints as {@code yyyy-MM-ddTHH:mm:ss}, then the
 * nanoseconds in groups of three digits as needed, then {@code Z}); {@link #parse} accepts exactly
 * that shape. Anything else (other years, offsets, lower-case letters, leap seconds, numbers,
 * {@code @JsonFormat} on the property, timestamps or truncation switched on in the mapper) goes to
 * Jackson's {@link InstantSerializer} and {@link InstantDeserializer} unchanged.
 */
final class IsoInstants {

    /** 0000-01-01T00:00:00Z. */
    private static final long MIN_SECOND = -62_167_219_200L;
    /** 9999-12-31T23:59:59Z. */
    private static final long MAX_SECOND = 253_402_300_799L;

    private IsoInstants() {
    }

    /** {@code ISO_INSTANT.format(t)} for years 0000-9999, else null. */
    static @Nullable String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        int nano = t.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] c = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(c, 0, date.getYear(), 4);
        c[4] = '-';
        put(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        put(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, secondOfDay % 60, 2);
        int at = 19;
        if (digits > 0) {
            c[at++] = '.';
            put(c, at, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
            at += digits;
        }
        c[at] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The instant of {@code s} if it is {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date
     * and time (no leap second), else null (the caller then asks Jackson's own parser, which
     * accepts more and words the errors).
     */
    static @Nullable Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || n == 21 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') {
                return null;
            }
            int fraction = n - 21;
            nano = digits(s, 20, fraction);
            if (nano < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nano *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nano);
    }

    /** The decimal value of {@code length} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Writes with {@link #format}; delegates to Jackson's serializer where that is not the same. */
    static final class Serializer extends StdSerializer<Instant> {

        Serializer() {
            super(Instant.class);
        }

        /**
         * This serializer where no format applies to the property; Jackson's where one does (a
         * config override for Instant; the codec's own introspector drops {@code @JsonFormat}).
         * Jackson's answers a new instance for every non-null format, empty ones included (its
         * shape ANY is not its default null), so the check is on the format, not on its answer.
         */
        @Override
        public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
            JsonFormat.Value format = findFormatOverrides(ctxt, property, handledType());
            if (format == null || format.equals(JsonFormat.Value.empty())) {
                return this;
            }
            return InstantSerializer.INSTANCE.createContextual(ctxt, property);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            String text = ctxt.isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                    || ctxt.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_WRITE) ? null : format(value);
            if (text == null) {
                InstantSerializer.INSTANCE.serialize(value, gen, ctxt);
            } else {
                gen.writeString(text);
            }
        }
    }

    /** Reads with {@link #parse}; delegates to Jackson's deserializer for everything else. */
    static final class Deserializer extends StdScalarDeserializer<Instant> {

        private final ValueDeserializer<?> standard;

        Deserializer() {
            this(InstantDeserializer.INSTANT);
        }

        private Deserializer(ValueDeserializer<?> standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            ValueDeserializer<?> contextual = InstantDeserializer.INSTANT.createContextual(ctxt, property);
            // a @JsonFormat (on the property or as a config override) makes Jackson's a new instance
            return contextual == InstantDeserializer.INSTANT ? this : contextual;
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_STRING) && !ctxt.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)) {
                Instant fast = parse(p.getString());
                if (fast != null) {
                    return fast;
                }
            }
            return (Instant) standard.deserialize(p, ctxt);
        }
    }
}
