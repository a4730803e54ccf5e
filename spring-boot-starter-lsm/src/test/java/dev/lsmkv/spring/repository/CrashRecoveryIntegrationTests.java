package dev.lsmkv.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.domain.Person;
import dev.lsmkv.spring.domain.PersonRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM writes entities with indexes and halts without close or flush; a Boot
 * context then opens the directory, and every index agrees with the entities it recovered.
 */
class CrashRecoveryIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void indexAgreesWithDataAfterAProcessCrash() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("DONE");

        List<Person> all = AbstractRepositoryTests.people(400, 21);
        List<Person> expected = new ArrayList<>();
        for (Person p : all.subList(0, 150)) {
            p.setAge(p.getAge() + 1);
            p.setTags(List.of("crash"));
            expected.add(p);
        }
        expected.addAll(all.subList(200, 400));
        AbstractRepositoryTests.baseRunner().withPropertyValues("lsm.data-dir=" + dir).run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            assertThat(AbstractRepositoryTests.byId(repo.findAll())).isEqualTo(AbstractRepositoryTests.byId(expected));
            assertThat(AbstractRepositoryTests.indexEntries(ctx.getBean(LsmEngine.class), "people"))
                    .isEqualTo(AbstractRepositoryTests.expectedIndexEntries(expected));
            assertThat(repo.findByTags("crash")).hasSize(150);
            // the persisted counts were written in the entities' batches: exact after the crash
            assertThat(repo.count()).isEqualTo(expected.size());
            assertThat(repo.countByAge(expected.get(0).getAge()))
                    .isEqualTo(expected.stream().filter(p -> p.getAge() == expected.get(0).getAge()).count());
        });
    }
}
