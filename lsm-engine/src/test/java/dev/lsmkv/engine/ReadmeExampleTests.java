package dev.lsmkv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine tour of README.md, statement for statement between the markers, so the README cannot go stale. */
class ReadmeExampleTests {

    @TempDir
    Path tmp;

    @Test
    void engineTourRuns() {
        byte[] token = "t0k3n".getBytes(UTF_8);
        Path data = tmp.resolve("data");
        byte[] name;
        byte[] then;
        // --- README: engine tour (Path.of("data") there) ---
        try (LsmEngine db = LsmEngine.open(data)) {                      // SyncMode.ALWAYS by default
            db.put("user:1".getBytes(UTF_8), "Ada".getBytes(UTF_8));
            db.put("session:9".getBytes(UTF_8), token, Duration.ofMinutes(30)); // expires by itself
            name = db.get("user:1".getBytes(UTF_8));

            db.write(new WriteBatch()                                   // all or nothing
                    .put("a".getBytes(UTF_8), "1".getBytes(UTF_8))
                    .delete("b".getBytes(UTF_8)));

            try (Cursor c = db.scan("user:".getBytes(UTF_8), "user;".getBytes(UTF_8))) {
                while (c.next()) { System.out.println(new String(c.key(), UTF_8)); }
            }
            try (Snapshot s = db.snapshot()) {                          // a frozen point in time
                then = s.get("user:1".getBytes(UTF_8));
            }
            System.out.println(db.stats().levels());                    // the shape of the tree
        }
        // --- end ---
        assertThat(name).isEqualTo("Ada".getBytes(UTF_8));
        assertThat(then).isEqualTo("Ada".getBytes(UTF_8));
        try (LsmEngine db = LsmEngine.open(data)) {
            assertThat(db.get("session:9".getBytes(UTF_8))).isEqualTo(token);
            assertThat(db.get("a".getBytes(UTF_8))).isEqualTo("1".getBytes(UTF_8));
        }
    }
}
