package dev.lsmkv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * get and scan with --keyspace against bytes laid out as the Spring starter writes them, built
 * here by hand from the documented layout (docs/operations.md, "Command-line tool"), so that the
 * CLI's decoding is checked against the layout and not against itself.
 */
class KeyspaceIntegrationTests {

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void writeStarterLayout() {
        dir = tmp.resolve("db");
        try (LsmEngine db = LsmEngine.open(dir)) {
            // catalog: FORMAT 1, flags counts exact | entries in values, type, one indexed path
            db.put(key("people", 0), cat(new byte[] {1, 5}, str("com.example.Person"), u16(1), str("email")));
            byte[] entry = cat(new byte[] {0x40}, "a@x".getBytes(UTF_8), new byte[] {0, 1}, longId(7));
            // entity 7: JSON codec (1) with its index entries listed (bit 6)
            db.put(cat(key("people", 1), longId(7)), cat(new byte[] {0x41}, u16(1), u16(entry.length), entry,
                    "{\"id\":7,\"email\":\"a@x\"}".getBytes(UTF_8)));
            // entity 8: CBOR codec (2)
            db.put(cat(key("people", 1), longId(8)), cat(new byte[] {0x02},
                    CBORMapper.builder().build().writeValueAsBytes(Map.of("id", 8, "name", "Bo"))));
            // entity 9: a subclass (bit 7) stored as JSON
            db.put(cat(key("people", 1), longId(9)), cat(new byte[] {(byte) 0x81}, str("com.example.Vip"),
                    "{\"id\":9}".getBytes(UTF_8)));
            // the index entry of 7 and a count stripe
            db.put(cat(key("people", 2), "email".getBytes(UTF_8), new byte[] {0}, entry), new byte[0]);
            db.put(cat(key("people", 3), new byte[] {0}), new byte[] {0, 0, 0, 0, 0, 0, 0, 3});
            // a keyspace with string ids, and a plain JSON value outside any keyspace
            db.put(cat(key("tags", 1), new byte[] {0x40}, "alpha".getBytes(UTF_8), new byte[] {0, 1}),
                    cat(new byte[] {1}, "{\"name\":\"alpha\"}".getBytes(UTF_8)));
            db.put("zz-json".getBytes(UTF_8), "{ \"a\" : [1, 2] }".getBytes(UTF_8));
            db.put("zz-text".getBytes(UTF_8), "plain".getBytes(UTF_8));
            db.flush();
        }
    }

    @Test
    void get_showsTheEntityJsonWithItsFraming() {
        CliRun r = CliRun.of("get", dir.toString(), "7", "--keyspace", "people");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{\"id\":7,\"email\":\"a@x\"}  (json, 1 index entry)\n");
    }

    @Test
    void get_decodesCborAsJson() {
        CliRun r = CliRun.of("get", dir.toString(), "8", "--keyspace", "people");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"name\":\"Bo\"").contains("\"id\":8").endsWith("  (cbor)\n");
    }

    @Test
    void get_showsTheSubclassName() {
        assertThat(CliRun.of("get", dir.toString(), "9", "--keyspace", "people").out())
                .isEqualTo("{\"id\":9}  (json, class com.example.Vip)\n");
    }

    @Test
    void get_stringIdAndMissingId() {
        assertThat(CliRun.of("get", dir.toString(), "alpha", "--keyspace", "tags").out())
                .isEqualTo("{\"name\":\"alpha\"}  (json)\n");
        CliRun missing = CliRun.of("get", dir.toString(), "10", "--keyspace", "people");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("not found: people/data/10");
        // "7" as a string id is another key than the long 7
        assertThat(CliRun.of("get", dir.toString(), "7", "--keyspace", "people", "--id-type", "string").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void scan_listsOnlyTheKeyspacesEntitiesById() {
        CliRun r = CliRun.of("scan", dir.toString(), "--keyspace", "people");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out().lines().toList().get(0)).isEqualTo("7 = {\"id\":7,\"email\":\"a@x\"}  (json, 1 index entry)");
        assertThat(r.out().lines().toList().get(1)).startsWith("8 = {");
        assertThat(r.out().lines().toList().get(2)).isEqualTo("9 = {\"id\":9}  (json, class com.example.Vip)");

        CliRun from = CliRun.of("scan", dir.toString(), "--keyspace", "people", "--from", "8", "--to", "9");
        assertThat(from.out().lines()).hasSize(1).allMatch(l -> l.startsWith("8 = "));
    }

    @Test
    void describeKey_readsEveryKindOfTheLayout() {
        byte[] entry = cat(new byte[] {0x40}, "a@x".getBytes(UTF_8), new byte[] {0, 1}, longId(7));
        assertThat(StarterLayout.describeKey(cat(key("people", 2), "email".getBytes(UTF_8), new byte[] {0}, entry)))
                .isEqualTo("people/index/email/\"a@x\"/7");
        assertThat(StarterLayout.describeKey(key("people", 0))).isEqualTo("people/catalog");
        assertThat(StarterLayout.describeKey(cat(key("people", 3), new byte[] {5}))).isEqualTo("people/count/5");
        assertThat(StarterLayout.describeKey("plain".getBytes(UTF_8))).isNull();
        assertThat(StarterLayout.describeCatalog(cat(new byte[] {1, 5}, str("com.example.Person"), u16(1), str("email"))))
                .isEqualTo("type com.example.Person, indexed [email], counts exact, values list their index entries");
        // the worked example of the starter's LsmKeys javadoc
        assertThat(StarterLayout.entityKey("people", "7", StarterLayout.IdType.AUTO)).isEqualTo(
                cat("people".getBytes(UTF_8), new byte[] {0, 1, 0x30, (byte) 0x80, 0, 0, 0, 0, 0, 0, 7}));
    }

    @Test
    void valueFormats_hexAndJsonOutsideAnyKeyspace() {
        CliRun hex = CliRun.of("scan", dir.toString(), "--from", "74616773", "--key-format", "hex",
                "--value-format", "hex");
        assertThat(hex.exitCode()).as(hex.toString()).isZero();
        assertThat(hex.out()).contains("= 017b226e616d65223a22616c706861227d"); // 0x01 + {"name":"alpha"}

        CliRun json = CliRun.of("scan", dir.toString(), "--from", "zz", "--value-format", "json");
        assertThat(json.out().lines()).containsExactly("zz-json = {\"a\":[1,2]}", "zz-text = plain  (not JSON)");
    }

    // ---- the layout, by hand

    private static byte[] key(String keyspace, int kind) {
        return cat(keyspace.getBytes(UTF_8), new byte[] {0, (byte) kind});
    }

    private static byte[] longId(long id) {
        byte[] b = new byte[9];
        b[0] = 0x30;
        long v = id ^ Long.MIN_VALUE;
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] str(String s) {
        byte[] utf8 = s.getBytes(UTF_8);
        return cat(u16(utf8.length), utf8);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
