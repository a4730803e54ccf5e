package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's default locale must never change a file name: under ar-EG or fa-IR,
 * {@code String.format("%06d")} writes Arabic-Indic digits, and tables and logs named that way no
 * longer matched CURRENT (written as ASCII), so the store did not reopen (issue 14, bug 1).
 */
class DefaultLocaleIntegrationTests {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ar-EG", "fa-IR", "hi-IN-u-nu-deva", "th-TH-u-nu-thai"})
    void fileNamesAreAsciiAndTheStoreReopensUnderAnyDefaultLocale(String tag) throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag(tag));
            byte[] key = "k".getBytes(StandardCharsets.UTF_8);
            try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build())) {
                db.put(key, "v1".getBytes(StandardCharsets.UTF_8));
                db.flush();
                db.put("k2".getBytes(StandardCharsets.UTF_8), "v2".getBytes(StandardCharsets.UTF_8));
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).matches("[A-Za-z0-9._-]+"));
                assertThat(names).anySatisfy(n -> assertThat(n).matches("\\d{6}\\.sst"));
            }
            try (LsmEngine db = LsmEngine.open(dir, EngineOptions.builder().syncMode(SyncMode.NONE).build())) {
                assertThat(db.get(key)).isEqualTo("v1".getBytes(StandardCharsets.UTF_8));
                assertThat(db.get("k2".getBytes(StandardCharsets.UTF_8))).isEqualTo("v2".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            Locale.setDefault(saved);
        }
    }
}
