package dev.lsmkv.engine.sstable;

import static dev.lsmkv.engine.sstable.Tables.bytes;
import static dev.lsmkv.engine.sstable.Tables.ikey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.sstable.Tables.KV;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The footer's bytes, pinned: they are the worked example in docs/file-formats.md ("SSTable"). */
class FooterTests {

    /** The docs' example: two entries, default options. */
    static byte[] exampleTable() throws IOException {
        return Tables.build(List.of(new KV(ikey("apple", 1, EntryKind.PUT), bytes("red")),
                new KV(ikey("banana", 2, EntryKind.DELETE), new byte[0])), TableOptions.defaults());
    }

    @Test
    void magicIsLsmkvsstInAscii() {
        byte[] f = new Footer(BlockHandle.EMPTY, BlockHandle.EMPTY, BlockHandle.EMPTY).encode();
        assertThat(new String(f, 56, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("LSMKVSST");
        assertThat(Footer.MAGIC).isEqualTo(0x545353564B4D534CL);
        assertThat(f).hasSize(64);
    }

    @Test
    void exampleTableMatchesTheDocs() throws IOException {
        byte[] file = exampleTable();
        String hex = HexFormat.of().formatHex(file);
        StringBuilder dump = new StringBuilder();
        for (int i = 0; i < file.length; i += 16) {
            dump.append(String.format("%04x: %s%n", i, HexFormat.ofDelimiter(" ")
                    .formatHex(file, i, Math.min(file.length, i + 16))));
        }
        System.out.print("example table (" + file.length + " bytes):\n" + dump);
        assertThat(hex.substring(hex.length() - 128)).isEqualTo(EXAMPLE_FOOTER_HEX);
        try (TableReader r = Tables.open(file)) {
            assertThat(r.properties().entries()).isEqualTo(2);
        }
    }

    static final String EXAMPLE_FOOTER_HEX = "3f000000000000002e000000000000003100000000000000090000000000000072000000000000001600000000000000"
            + "01000000c0aac5ba4c534d4b56535354";
}
