package dev.lsmkv.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.spring.Indexed;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An entity's index entries: {@code path 0x00 value} per value, the NULL encoding for a null single value. */
class IndexWriterTests {

    static class Thing {
        @Indexed
        String name;
        @Indexed
        long size;
        @Indexed
        List<String> tags;
        @Indexed
        Object any; // declared as one value, may hold a collection at run time
    }

    private static ByteKey entry(String path, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(path.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        if (value == null) {
            OrderedCodec.encodeNull(out);
        } else {
            OrderedCodec.encode(value, out);
        }
        return new ByteKey(out.toByteArray());
    }

    @Test
    void entriesArePathSeparatorAndEncodedValue() {
        Thing t = new Thing();
        t.name = "a\0b";
        t.size = 7;
        t.tags = List.of("x", "y", "x");
        t.any = List.of(1L, 2L);
        Set<ByteKey> expected = new LinkedHashSet<>(List.of(entry("name", "a\0b"), entry("size", 7L),
                entry("tags", "x"), entry("tags", "y"), entry("any", 1L), entry("any", 2L)));
        assertThat(IndexWriter.entries(EntityInfo.of(Thing.class), t)).containsExactlyElementsOf(expected);

        t.name = null;
        t.any = "one";
        t.tags = List.of();
        assertThat(IndexWriter.entries(EntityInfo.of(Thing.class), t))
                .containsExactly(entry("name", null), entry("size", 7L), entry("any", "one"));
        t.any = null;
        assertThat(IndexWriter.entries(EntityInfo.of(Thing.class), t)).contains(entry("any", null));
    }
}
