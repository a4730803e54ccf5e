package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.spring.core.CodecSamples.AccessorMismatch;
import dev.lsmkv.spring.core.CodecSamples.DoubleValues;
import dev.lsmkv.spring.core.CodecSamples.EnumValues;
import dev.lsmkv.spring.core.CodecSamples.Labelled;
import dev.lsmkv.spring.core.CodecSamples.PublicRecord;
import dev.lsmkv.spring.core.CodecSamples.WithBodies;
import dev.lsmkv.spring.core.CodecSamples.WithTransients;
import dev.lsmkv.spring.core.CodecSamples.ZonedDateTimeValue;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON codec (id 1): the shared round trips, plus what its stored text looks like. */
class JsonEntityCodecTests extends AbstractEntityCodecTests {

    private final JacksonEntityCodec codec = JacksonEntityCodec.json();

    @Override
    protected EntityCodec codec() {
        return codec;
    }

    private String text(Object value) {
        return new String(codec.encode(value), StandardCharsets.UTF_8);
    }

    @Test
    void idAndNameAreTheOnDiskOnes() {
        assertThat(codec.id()).isEqualTo((byte) 1);
        assertThat(codec.name()).isEqualTo("json");
    }

    @Test
    void storesZonedDateTimeWithOffsetAndZoneId() {
        ZonedDateTime t = ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        assertThat(text(new ZonedDateTimeValue(t))).isEqualTo("{\"value\":\"2024-07-01T12:00:00+02:00[Europe/Berlin]\"}");
    }

    @Test
    void storesEnumsByName() {
        assertThat(text(new EnumValues(null, null, Labelled.REOPENED, WithBodies.SUB)))
                .isEqualTo("{\"plain\":null,\"coded\":null,\"labelled\":\"REOPENED\",\"withBody\":\"SUB\"}");
    }

    @Test
    void storesNanAndInfinitiesAsStrings() {
        assertThat(text(new DoubleValues(Double.NaN, Double.NEGATIVE_INFINITY)))
                .isEqualTo("{\"primitive\":\"NaN\",\"boxed\":\"-Infinity\"}");
    }

    @Test
    void storesFieldsOnlyNotGettersOrTransients() {
        assertThat(text(new AccessorMismatch("a@b", null))).isEqualTo("{\"mail\":\"a@b\",\"nickname\":null}");
        assertThat(text(new WithTransients("i", "c", "d"))).isEqualTo("{\"id\":\"i\"}");
    }

    @Test
    void readsDataWithUnknownAndMissingProperties() {
        byte[] old = "{\"id\":1,\"removed\":{\"x\":[1,2]},\"name\":\"n\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(old, 0, old.length, PublicRecord.class)).isEqualTo(new PublicRecord(1L, "n", null));
    }

    @Test
    void classWithoutNoArgsConstructorOrParameterNamesFailsWithAdvice(@TempDir Path dir) throws Exception {
        // Compiled here without -parameters: the constructor's parameter names are unknown.
        Path src = dir.resolve("codecsample/NoNames.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package codecsample;
                public class NoNames {
                    private String a;
                    private int b;
                    public NoNames(String a, int b) { this.a = a; this.b = b; }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dir.toString(), src.toString())).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("codecsample.NoNames");
            Object value = type.getConstructor(String.class, int.class).newInstance("x", 1);

            assertThatThrownBy(() -> codec.encode(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot store a codecsample.NoNames with codec json")
                    .hasMessageContaining("constructor without arguments")
                    .hasMessageContaining("-parameters");

            byte[] stored = "{\"a\":\"x\",\"b\":1}".getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> codec.decode(stored, 0, stored.length, type))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot read a stored codecsample.NoNames with codec json")
                    .hasMessageContaining("-parameters");
        }
    }

    @Test
    void aClassThatFailedToStoreFailsAgainNextTime() {
        // The read-back check is remembered only once it passed.
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> codec.encode(new CodecSamples.AmbiguousConstructors("a", "b")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
