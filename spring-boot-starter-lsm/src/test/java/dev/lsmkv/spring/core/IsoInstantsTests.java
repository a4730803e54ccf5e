package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast ISO-8601 path for {@link Instant} writes and reads exactly what Jackson's own java.time
 * support does, so values stored before it read the same, and it steps aside wherever Jackson's
 * output would differ.
 */
class IsoInstantsTests {

    /** Jackson's own Instant handling, as the codec had it before the fast path. */
    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static List<Instant> samples() {
        List<Instant> out = new ArrayList<>(List.of(
                Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(0, 999_999_999),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
                Instant.parse("2024-02-29T23:59:59.120Z"), Instant.parse("1969-12-31T23:59:59.000100Z"),
                Instant.parse("2026-12-07T05:09:04.123456789Z"), Instant.MIN, Instant.MAX));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-80_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            out.add(Instant.ofEpochSecond(seconds, nano));
        }
        return out;
    }

    @Test
    void formatIsIsoInstantsTextOrDeclines() {
        int fast = 0;
        for (Instant t : samples()) {
            String text = IsoInstants.format(t);
            if (text != null) {
                assertThat(text).as("%s", t).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t));
                fast++;
            } else {
                assertThat(t.getEpochSecond() < -62_167_219_200L || t.getEpochSecond() > 253_402_300_799L)
                        .as("%s declined", t).isTrue();
            }
        }
        assertThat(fast).isGreaterThan(15_000);
    }

    @Test
    void parseReadsWhatIsoInstantWritesInYearsZeroToNineThousandNineHundredNinetyNine() {
        for (Instant t : samples()) {
            String text = DateTimeFormatter.ISO_INSTANT.format(t);
            Instant parsed = IsoInstants.parse(text);
            if (t.getEpochSecond() >= -62_167_219_200L && t.getEpochSecond() <= 253_402_300_799L) {
                assertThat(parsed).as(text).isEqualTo(t);
            } else {
                assertThat(parsed).as(text).isNull();
            }
        }
    }

    @Test
    void parseAcceptsEveryFractionLengthAndDeclinesWhatItDoesNotKnow() {
        for (int digits = 1; digits <= 9; digits++) {
            String text = "2024-01-02T03:04:05." + "123456789".substring(0, digits) + "Z";
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        // each is either invalid or a form only Jackson's own parser (which words the error) should judge
        for (String text : List.of("2024-01-02T03:04:05.Z", "2024-01-02t03:04:05Z", "2024-01-02T03:04:05z",
                "2024-01-02T03:04:05+01:00", "2024-02-30T03:04:05Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                "2024-01-02T24:00:00Z", "2024-01-02T23:60:00Z", "2024-01-02T23:59:60Z", "+10000-01-01T00:00:00Z",
                "2024-01-02 03:04:05Z", "2024-01-02T03:04:05.1234567890Z", "2024-01-02T03:04:05", "2024-0a-02T03:04:05Z",
                " 2024-01-02T03:04:05Z", "")) {
            assertThat(IsoInstants.parse(text)).as(text).isNull();
        }
    }

    record Stamped(Instant at) {
    }

    @Test
    void aFormatConfiguredForInstantsIsJacksonsToHonour() {
        // the codec ignores @JsonFormat on properties (StorageAnnotationIntrospector); a mapper built
        // from its builder with a format for Instant gets Jackson's formatting, not the fast path
        ObjectMapper numeric = JacksonEntityCodec.jsonMapperBuilder()
                .withConfigOverride(Instant.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.NUMBER)))
                .build();
        Stamped value = new Stamped(Instant.ofEpochSecond(1_700_000_000L, 5_000_000));
        String text = numeric.writeValueAsString(value);
        assertThat(text).isEqualTo("{\"at\":1700000000.005000000}");
        assertThat(numeric.readValue(text, Stamped.class)).isEqualTo(value);
    }

    @Test
    void mapperSwitchesStillApply() {
        ObjectMapper truncating = JacksonEntityCodec.jsonMapperBuilder()
                .enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_WRITE).build();
        assertThat(truncating.writeValueAsString(new Stamped(Instant.parse("2024-01-02T03:04:05.123456789Z"))))
                .isEqualTo("{\"at\":\"2024-01-02T03:04:05.123Z\"}");
        ObjectMapper timestamps = JacksonEntityCodec.jsonMapperBuilder()
                .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        assertThat(timestamps.writeValueAsString(new Stamped(Instant.ofEpochSecond(12, 5))))
                .isEqualTo(JACKSON.rebuild().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build()
                        .writeValueAsString(new Stamped(Instant.ofEpochSecond(12, 5))));
        ObjectMapper truncatingReads = JacksonEntityCodec.jsonMapperBuilder()
                .enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ).build();
        assertThat(truncatingReads.readValue("{\"at\":\"2024-01-02T03:04:05.123456789Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
    }

    @Test
    void otherFormsStillReadAndBadTextStillFailsWithJacksonsError() {
        JacksonEntityCodec codec = JacksonEntityCodec.json();
        for (String stored : List.of("{\"at\":\"2024-01-02T04:04:05+01:00\"}", "{\"at\":1700000000.5}",
                "{\"at\":\"+10000-01-01T00:00:00Z\"}", "{\"at\":\" 2024-01-02T03:04:05Z \"}")) {
            byte[] payload = stored.getBytes(StandardCharsets.UTF_8);
            assertThat(codec.decode(payload, 0, payload.length, Stamped.class))
                    .as(stored).isEqualTo(JACKSON.readValue(payload, Stamped.class));
        }
        byte[] bad = "{\"at\":\"2024-02-30T03:04:05Z\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(bad, 0, bad.length, Stamped.class))
                .hasRootCauseInstanceOf(DateTimeParseException.class);
    }

    @Test
    void writesTakeTheFastPathUnlessAFormatAppliesToInstants() {
        // Jackson's serializer answers a new instance for any format, an empty one too: the fast path
        // must not depend on that answer (it was never taken on writes while it did)
        var storage = JacksonEntityCodec.jsonMapperBuilder().build()._serializationContext();
        assertThat(storage.findPrimaryPropertySerializer(Instant.class, null)).isInstanceOf(IsoInstants.Serializer.class);
        var bean = storage.findTypedValueSerializer(Stamped.class, true);
        List<Object> writers = new ArrayList<>();
        bean.properties().forEachRemaining(w -> writers.add(((tools.jackson.databind.ser.BeanPropertyWriter) w).getSerializer()));
        assertThat(writers).singleElement().isInstanceOf(IsoInstants.Serializer.class);
        var numeric = JacksonEntityCodec.jsonMapperBuilder()
                .withConfigOverride(Instant.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.NUMBER)))
                .build()._serializationContext();
        assertThat(numeric.findPrimaryPropertySerializer(Instant.class, null)).isNotInstanceOf(IsoInstants.Serializer.class);
    }
}
