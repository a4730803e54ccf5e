package dev.lsmkv.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.autoconfigure.LsmEngineOptionsCustomizer;
import dev.lsmkv.spring.domain.Person;
import dev.lsmkv.spring.domain.PersonRepository;
import dev.lsmkv.spring.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Repository behaviour on the real engine in a temporary directory; every context of a test
 * opens the same directory (so restarts are real restarts), with a clock the test moves.
 */
class EngineRepositoryIntegrationTests extends AbstractRepositoryTests {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    @Override
    ApplicationContextRunner runner() {
        return baseRunner()
                .withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=none", "lsm.memtable-size=64KB")
                .withBean(LsmEngineOptionsCustomizer.class, () -> b -> b.clock(clock));
    }

    @Override
    void advanceClock(Duration d) {
        clock.advance(d);
    }

    @Test
    void engineIsClosedWithTheContextAndDataIsBackAfterReopen() {
        LsmEngine[] engine = new LsmEngine[1];
        runner().run(ctx -> {
            engine[0] = ctx.getBean(LsmEngine.class);
            ctx.getBean(PersonRepository.class).saveAll(people(500, 9));
        });
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> engine[0].get(new byte[] {1}));
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            assertThat(repo.count()).isEqualTo(500);
            assertThat(byId(repo.findByCity("Oslo"))).isEqualTo(where(people(500, 9), p -> p.getCity().equals("Oslo")));
        });
    }

    @Test
    void indexIsConsistentAfterACrashStyleCloseWithoutFlush() throws Exception {
        // Write through the template on an engine that is then closed without flush (the WAL only),
        // the closest a test in one JVM gets to a crash; reopen and compare data with index.
        List<Person> all = people(300, 11);
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(all);
            for (Person p : all.subList(0, 100)) {
                p.setAge(p.getAge() + 1);
                repo.save(p);
            }
            all.subList(100, 150).forEach(repo::delete);
        });
        List<Person> expected = new java.util.ArrayList<>(all.subList(0, 100));
        expected.addAll(all.subList(150, 300));
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            LsmEngine engine = ctx.getBean(LsmEngine.class);
            assertThat(indexEntries(engine, "people")).isEqualTo(expectedIndexEntries(expected));
            for (int age = 0; age < 61; age += 7) {
                int a = age;
                assertThat(byId(repo.findByAge(age))).isEqualTo(where(expected, p -> p.getAge() == a));
            }
        });
    }
}
