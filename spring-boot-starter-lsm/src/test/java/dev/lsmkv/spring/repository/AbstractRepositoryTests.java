package dev.lsmkv.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmRepositoriesAutoConfiguration;
import dev.lsmkv.spring.core.LsmKeys;
import dev.lsmkv.spring.domain.Note;
import dev.lsmkv.spring.domain.NoteRepository;
import dev.lsmkv.spring.domain.Person;
import dev.lsmkv.spring.domain.PersonRepository;
import dev.lsmkv.spring.domain.Session;
import dev.lsmkv.spring.domain.SessionRepository;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueTemplate;

/**
 * Repository behaviour through a Boot context over a real engine (subclasses say which options).
 * Every query result is compared with the same query evaluated over an in-memory list.
 */
abstract class AbstractRepositoryTests {

    static final String[] CITIES = {"Oslo", "Rome", "Lima", "Kyiv", "Quito"};

    /** A runner whose contexts all use one store (shared engine or shared directory). */
    abstract ApplicationContextRunner runner();

    /** Moves the store's clock forward (TTL tests). */
    abstract void advanceClock(Duration d);

    static ApplicationContextRunner baseRunner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class, LsmRepositoriesAutoConfiguration.class))
                .withUserConfiguration(Config.class);
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Person.class)
    static class Config {
    }

    static List<Person> people(int n, long seed) {
        Random random = new Random(seed);
        List<Person> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Person p = new Person((long) random.nextInt(1_000_000) * (random.nextBoolean() ? 1 : -1) + i * 2_000_001L,
                    "user" + i + "@x.org", random.nextInt(60), CITIES[random.nextInt(CITIES.length)]);
            p.setTags(random.nextBoolean() ? List.of("a", "b" + (i % 3)) : List.of());
            p.setScore(random.nextInt(10) == 0 ? null : random.nextDouble() * 100 - 50);
            out.add(p);
        }
        return out;
    }

    static List<Person> byId(List<Person> list) {
        return list.stream().sorted(Comparator.comparing(Person::getId)).toList();
    }

    static List<Person> where(List<Person> all, Predicate<Person> p) {
        return byId(all.stream().filter(p).toList());
    }

    // ------------------------------------------------------------------ CRUD

    @Test
    void crudWorksAsInSpringData() {
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person ann = repo.save(new Person(1L, "ann@x.org", 30, "Oslo"));
            repo.save(new Person(2L, "bob@x.org", 40, "Rome"));
            assertThat(repo.findById(1L)).contains(ann);
            assertThat(repo.existsById(2L)).isTrue();
            assertThat(repo.existsById(3L)).isFalse();
            assertThat(repo.count()).isEqualTo(2);
            assertThat(repo.findAllById(List.of(1L, 3L))).containsExactly(ann);
            repo.deleteById(1L);
            assertThat(repo.findById(1L)).isEmpty();
            assertThat(repo.count()).isEqualTo(1);
            repo.deleteAll();
            assertThat(repo.count()).isZero();
            assertThat(repo.findAll()).isEmpty();
            assertThat(indexEntries(ctx.getBean(LsmEngine.class), "people")).isZero();
        });
    }

    @Test
    void generatedIdIsStoredWithAnImmutableEntity() {
        runner().run(ctx -> {
            NoteRepository notes = ctx.getBean(NoteRepository.class);
            notes.save(new Note(null, "hello"));
            List<Note> all = notes.findAll();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).id()).isNotNull();
            assertThat(notes.findById(all.get(0).id())).contains(all.get(0));
        });
    }

    @Test
    void dataSurvivesContextShutdown() {
        runner().run(ctx -> ctx.getBean(PersonRepository.class).save(new Person(7L, "k@x.org", 1, "Lima")));
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            assertThat(repo.findById(7L)).isPresent();
            assertThat(repo.findByEmail("k@x.org")).isPresent();
        });
    }

    // ------------------------------------------------------------------ paging and sorting

    @Test
    void pagingAndSortingMatchASortedInMemoryList() {
        List<Person> all = people(300, 1);
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(all);
            List<Person> expectedById = byId(all);
            assertThat(repo.findAll()).containsExactlyElementsOf(expectedById);
            assertThat(repo.findAll(Sort.by("id"))).containsExactlyElementsOf(expectedById);
            assertThat(repo.findAll(Sort.by(Sort.Direction.DESC, "id")))
                    .containsExactlyElementsOf(expectedById.stream().sorted(Comparator.comparing(Person::getId).reversed()).toList());
            Sort sort = Sort.by(Sort.Order.desc("age"), Sort.Order.asc("email"));
            List<Person> expected = all.stream()
                    .sorted(Comparator.comparing(Person::getAge).reversed().thenComparing(Person::getEmail)).toList();
            for (int page = 0; page * 17 < all.size() + 17; page++) {
                Page<Person> p = repo.findAll(PageRequest.of(page, 17, sort));
                int from = Math.min(page * 17, all.size());
                assertThat(p.getContent()).containsExactlyElementsOf(expected.subList(from, Math.min(from + 17, all.size())));
                assertThat(p.getTotalElements()).isEqualTo(all.size());
                Page<Person> byIdPage = repo.findAll(PageRequest.of(page, 17, Sort.by("id")));
                assertThat(byIdPage.getContent())
                        .containsExactlyElementsOf(expectedById.subList(from, Math.min(from + 17, all.size())));
            }
        });
    }

    @Test
    void derivedPageSliceTopAndStreamQueries() {
        List<Person> all = people(200, 2);
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(all);
            List<Person> older = all.stream().filter(p -> p.getAge() > 20)
                    .sorted(Comparator.comparing(Person::getAge).thenComparing(Person::getId)).toList();
            Page<Person> page = repo.findByAgeGreaterThan(20, PageRequest.of(1, 10, Sort.by("age", "id")));
            assertThat(page.getContent()).containsExactlyElementsOf(older.subList(10, 20));
            assertThat(page.getTotalElements()).isEqualTo(older.size());

            Slice<Person> first = repo.findSliceByAgeGreaterThan(20, PageRequest.of(0, 10, Sort.by("age", "id")));
            assertThat(first.hasNext()).isTrue();
            assertThat(first.getContent()).containsExactlyElementsOf(older.subList(0, 10));
            int lastPage = (older.size() - 1) / 10;
            Slice<Person> last = repo.findSliceByAgeGreaterThan(20, PageRequest.of(lastPage, 10, Sort.by("age", "id")));
            assertThat(last.hasNext()).isFalse();
            assertThat(last.getContent()).containsExactlyElementsOf(older.subList(lastPage * 10, older.size()));

            List<Person> oslo = all.stream().filter(p -> p.getCity().equals("Oslo"))
                    .sorted(Comparator.comparing(Person::getAge).reversed()).toList();
            assertThat(repo.findTop3ByCityOrderByAgeDesc("Oslo")).extracting(Person::getAge)
                    .containsExactlyElementsOf(oslo.subList(0, 3).stream().map(Person::getAge).toList());
            try (var stream = repo.streamByCity("Oslo")) {
                assertThat(stream.count()).isEqualTo(oslo.size());
            }
            Page<Person> cityPage = repo.findByCity("Rome", PageRequest.of(0, 5));
            assertThat(cityPage.getTotalElements()).isEqualTo(all.stream().filter(p -> p.getCity().equals("Rome")).count());
        });
    }

    // ------------------------------------------------------------------ derived queries

    @Test
    void derivedQueriesOnIndexedAndUnindexedPropertiesMatchAFilteredList() {
        List<Person> all = people(250, 3);
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(all);
            Person some = all.get(42);
            assertThat(repo.findByEmail(some.getEmail())).contains(some);
            assertThat(repo.findByEmailIgnoreCase(some.getEmail().toUpperCase())).containsExactly(some);
            assertThat(byId(repo.findByAge(33))).isEqualTo(where(all, p -> p.getAge() == 33));
            assertThat(byId(repo.findByAgeGreaterThan(33))).isEqualTo(where(all, p -> p.getAge() > 33));
            assertThat(byId(repo.findByAgeGreaterThanEqual(33))).isEqualTo(where(all, p -> p.getAge() >= 33));
            assertThat(byId(repo.findByAgeLessThan(12))).isEqualTo(where(all, p -> p.getAge() < 12));
            assertThat(byId(repo.findByAgeLessThanEqual(12))).isEqualTo(where(all, p -> p.getAge() <= 12));
            assertThat(byId(repo.findByAgeBetween(10, 20))).isEqualTo(where(all, p -> p.getAge() > 10 && p.getAge() < 20));
            assertThat(byId(repo.findByAgeIn(List.of(1, 5, 9))))
                    .isEqualTo(where(all, p -> Set.of(1, 5, 9).contains(p.getAge())));
            assertThat(byId(repo.findByEmailStartingWith("user1")))
                    .isEqualTo(where(all, p -> p.getEmail().startsWith("user1")));
            LocalDate cut = LocalDate.of(1970, 6, 1);
            assertThat(byId(repo.findByBirthdayBefore(cut))).isEqualTo(where(all, p -> p.getBirthday().isBefore(cut)));
            assertThat(byId(repo.findByScoreGreaterThan(-10.5)))
                    .isEqualTo(where(all, p -> p.getScore() != null && p.getScore() > -10.5));
            assertThat(byId(repo.findByTags("b1"))).isEqualTo(where(all, p -> p.getTags().contains("b1")));
            assertThat(byId(repo.findByCity("Lima"))).isEqualTo(where(all, p -> p.getCity().equals("Lima")));
            assertThat(byId(repo.findByCityAndAgeGreaterThan("Lima", 30)))
                    .isEqualTo(where(all, p -> p.getCity().equals("Lima") && p.getAge() > 30));
            assertThat(byId(repo.findByAgeOrCity(3, "Kyiv")))
                    .isEqualTo(where(all, p -> p.getAge() == 3 || p.getCity().equals("Kyiv")));
            assertThat(repo.findByAgeGreaterThan(50, Sort.by(Sort.Direction.DESC, "age", "id")))
                    .containsExactlyElementsOf(all.stream().filter(p -> p.getAge() > 50)
                            .sorted(Comparator.comparing(Person::getAge).thenComparing(Person::getId).reversed()).toList());
            assertThat(repo.countByCity("Oslo")).isEqualTo(all.stream().filter(p -> p.getCity().equals("Oslo")).count());
            assertThat(repo.countByAge(20)).isEqualTo(all.stream().filter(p -> p.getAge() == 20).count());
            assertThat(repo.existsByEmail(some.getEmail())).isTrue();
            assertThat(repo.existsByEmail("nobody@x.org")).isFalse();
        });
    }

    // ------------------------------------------------------------------ index consistency

    @Test
    void indexFollowsUpdatesAndDeletes() {
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            LsmEngine engine = ctx.getBean(LsmEngine.class);
            Person p = new Person(1L, "old@x.org", 20, "Oslo");
            p.setTags(List.of("x", "y"));
            repo.save(p);
            assertThat(indexEntries(engine, "people")).isEqualTo(expectedIndexEntries(List.of(p)));
            p.setEmail("new@x.org");
            p.setAge(21);
            p.setTags(List.of("y", "z"));
            repo.save(p);
            assertThat(repo.findByEmail("old@x.org")).isEmpty();
            assertThat(repo.findByEmail("new@x.org")).contains(p);
            assertThat(repo.findByAge(20)).isEmpty();
            assertThat(repo.findByTags("x")).isEmpty();
            assertThat(repo.findByTags("z")).containsExactly(p);
            assertThat(indexEntries(engine, "people")).isEqualTo(expectedIndexEntries(List.of(p)));
            repo.delete(p);
            assertThat(repo.findByTags("y")).isEmpty();
            assertThat(indexEntries(engine, "people")).isZero();
        });
    }

    @Test
    void indexStaysConsistentUnderRandomUpdates() {
        runner().run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            LsmEngine engine = ctx.getBean(LsmEngine.class);
            Random random = new Random(4);
            java.util.Map<Long, Person> model = new java.util.HashMap<>();
            for (int i = 0; i < 600; i++) {
                long id = random.nextInt(40);
                if (random.nextInt(4) == 0) {
                    repo.deleteById(id);
                    model.remove(id);
                } else {
                    Person p = new Person(id, "e" + random.nextInt(10) + "@x", random.nextInt(5), "Oslo");
                    p.setTags(random.nextBoolean() ? List.of("t" + random.nextInt(3)) : List.of());
                    repo.save(p);
                    model.put(id, p);
                }
            }
            assertThat(indexEntries(engine, "people")).isEqualTo(expectedIndexEntries(model.values()));
            for (int age = 0; age < 5; age++) {
                int a = age;
                assertThat(byId(repo.findByAge(age))).isEqualTo(where(new ArrayList<>(model.values()), p -> p.getAge() == a));
            }
        });
    }

    // ------------------------------------------------------------------ TTL

    @Test
    void expiredEntitiesVanishFromReadsCountsQueriesAndIndexes() {
        runner().run(ctx -> {
            SessionRepository sessions = ctx.getBean(SessionRepository.class);
            sessions.save(new Session("s1", "ann", 10L));
            sessions.save(new Session("s2", "ann", null));
            sessions.save(new Session("s3", "bob", 100L));
            assertThat(sessions.findByUser("ann")).hasSize(2);
            advanceClock(Duration.ofSeconds(11));
            assertThat(sessions.findById("s1")).isEmpty();
            assertThat(sessions.count()).isEqualTo(2);
            assertThat(sessions.findByUser("ann")).extracting(Session::getId).containsExactly("s2");
            assertThat(sessions.countByUser("ann")).isEqualTo(1);
            assertThat(indexEntries(ctx.getBean(LsmEngine.class), "sessions")).isEqualTo(2);
            advanceClock(Duration.ofSeconds(100));
            assertThat(sessions.findAll()).extracting(Session::getId).containsExactly("s2");
        });
    }

    @Test
    void keyspaceTimeToLivePropertyAppliesToEntitiesWithoutTheirOwn() {
        runner().withPropertyValues("lsm.keyspaces.sessions.time-to-live=5s").run(ctx -> {
            SessionRepository sessions = ctx.getBean(SessionRepository.class);
            sessions.save(new Session("k1", "ann", null));
            sessions.save(new Session("k2", "ann", 60L));
            advanceClock(Duration.ofSeconds(6));
            assertThat(sessions.findById("k1")).isEmpty();
            assertThat(sessions.findById("k2")).isPresent();
            assertThat(sessions.findByUser("ann")).extracting(Session::getId).containsExactly("k2");
        });
    }

    @Test
    void templateIsNamedKeyValueTemplate() {
        runner().run(ctx -> assertThat(ctx.getBean("keyValueTemplate")).isInstanceOf(KeyValueTemplate.class));
    }

    // ------------------------------------------------------------------ helpers

    static long indexEntries(LsmEngine engine, String keyspace) {
        byte[] prefix = LsmKeys.indexPrefix(keyspace);
        long n = 0;
        try (Cursor c = engine.scan(prefix, LsmKeys.prefixEnd(prefix))) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    /** One entry per single-valued indexed property (a null value too), one per distinct tag. */
    static long expectedIndexEntries(java.util.Collection<Person> people) {
        long n = 0;
        for (Person p : people) {
            n += 4 + p.getTags().stream().collect(Collectors.toSet()).size(); // email, age, birthday, score
        }
        return n;
    }
}
