package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.spring.core.CodecSamples.CharValues;
import dev.lsmkv.spring.core.CodecSamples.PublicRecord;
import dev.lsmkv.spring.core.CodecSamples.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The CBOR codec (id 2): the shared round trips, plus its one difference from JSON. */
class CborEntityCodecTests extends AbstractEntityCodecTests {

    private final JacksonEntityCodec codec = JacksonEntityCodec.cbor();

    @Override
    protected EntityCodec codec() {
        return codec;
    }

    @Test
    void idAndNameAreTheOnDiskOnes() {
        assertThat(codec.id()).isEqualTo((byte) 2);
        assertThat(codec.name()).isEqualTo("cbor");
    }

    @Test
    void payloadIsSmallerThanJson() {
        PublicRecord value = new PublicRecord(123456789L, "a name", List.of("tag-1", "tag-2"));
        assertThat(codec.encode(value).length).isLessThan(JacksonEntityCodec.json().encode(value).length);
    }

    /** CBOR text is strict UTF-8, which has no unpaired surrogates: the save fails, nothing is lost silently. */
    @Override
    @Test
    void loneSurrogatesInCharsAndStrings() {
        assertThatThrownBy(() -> codec.encode(new CharValues('\ud83d', 'a')))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> codec.encode(new StringValue("x\ud800y")))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("surrogate");
        // A complete pair is fine.
        assertThat(roundTrip(new StringValue("\ud83d\ude00"))).isEqualTo(new StringValue("\ud83d\ude00"));
    }
}
