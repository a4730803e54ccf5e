package dev.lsmkv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A store written by the engine for the CLI tests, with a clock fixed in 2020 so that a one-hour
 * TTL has expired by now and a 100-year one has not:
 * <ul>
 * <li>in tables (flushed): key0000..key0199 = value-N (small blocks, so many data blocks),
 *     apple = red, banana deleted, cherry = dark red, old-ttl = gone (1 h TTL: expired),
 *     long-ttl = kept (100-year TTL);</li>
 * <li>in the WAL only: date = brown, cherry deleted.</li>
 * </ul>
 */
final class TestStore {

    static final Instant WRITTEN_AT = Instant.parse("2020-01-01T00:00:00Z");

    private TestStore() {
    }

    static EngineOptions options() {
        return EngineOptions.builder().clock(InstantSource.fixed(WRITTEN_AT)).blockSizeBytes(256)
                .blockCacheSizeBytes(0).build();
    }

    static Path create(Path dir) {
        try (LsmEngine db = LsmEngine.open(dir, options())) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 200; i++) {
                batch.put(bytes(String.format(Locale.ROOT, "key%04d", i)), bytes("value-" + i));
            }
            db.write(batch);
            db.put(bytes("apple"), bytes("red"));
            db.put(bytes("banana"), bytes("yellow"));
            db.put(bytes("cherry"), bytes("dark red"));
            db.delete(bytes("banana"));
            db.put(bytes("old-ttl"), bytes("gone"), Duration.ofHours(1));
            db.put(bytes("long-ttl"), bytes("kept"), Duration.ofDays(36_500));
            db.flush();
            db.put(bytes("date"), bytes("brown"));
            db.delete(bytes("cherry"));
        }
        return dir;
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
