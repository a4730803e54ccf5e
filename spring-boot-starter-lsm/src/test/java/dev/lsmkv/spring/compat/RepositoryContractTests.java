package dev.lsmkv.spring.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.Cursor;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmRepositoriesAutoConfiguration;
import dev.lsmkv.spring.compat.domain.Account;
import dev.lsmkv.spring.compat.domain.AccountRepository;
import dev.lsmkv.spring.compat.domain.Animal;
import dev.lsmkv.spring.compat.domain.AnimalRepository;
import dev.lsmkv.spring.compat.domain.Car.Color;
import dev.lsmkv.spring.compat.domain.Car;
import dev.lsmkv.spring.compat.domain.CarRepository;
import dev.lsmkv.spring.compat.domain.City;
import dev.lsmkv.spring.compat.domain.CompatDomain;
import dev.lsmkv.spring.compat.domain.Dog;
import dev.lsmkv.spring.compat.domain.DogRepository;
import dev.lsmkv.spring.compat.domain.Gadget;
import dev.lsmkv.spring.compat.domain.GadgetRepository;
import dev.lsmkv.spring.compat.domain.Immutable;
import dev.lsmkv.spring.compat.domain.ImmutableRepository;
import dev.lsmkv.spring.compat.domain.KvPerson;
import dev.lsmkv.spring.compat.domain.KvPersonRepository.PersonSummary;
import dev.lsmkv.spring.compat.domain.KvPersonRepository;
import dev.lsmkv.spring.compat.domain.MapDbPerson;
import dev.lsmkv.spring.compat.domain.MapDbPersonRepository;
import dev.lsmkv.spring.compat.domain.Note;
import dev.lsmkv.spring.compat.domain.NoteRepository;
import dev.lsmkv.spring.compat.domain.Person;
import dev.lsmkv.spring.compat.domain.PersonRepository.PersonDto;
import dev.lsmkv.spring.compat.domain.PersonRepository.PersonProjection;
import dev.lsmkv.spring.compat.domain.PersonRepository;
import dev.lsmkv.spring.compat.domain.Profile;
import dev.lsmkv.spring.compat.domain.ProfileRepository;
import dev.lsmkv.spring.compat.domain.Token;
import dev.lsmkv.spring.compat.domain.TokenRepository;
import dev.lsmkv.spring.compat.domain.User;
import dev.lsmkv.spring.compat.domain.UserRepository;
import dev.lsmkv.spring.compat.qbe.QbePerson;
import dev.lsmkv.spring.compat.qbe.QbePersonRepository;
import dev.lsmkv.spring.core.LsmKeys;
import dev.lsmkv.spring.repository.config.EnableLsmRepositories;
import dev.lsmkv.spring.repository.query.LsmPartTreeQuery;
import dev.lsmkv.spring.repository.query.LsmQueryCreator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.repository.support.KeyValueRepositoryFactory;

/**
 * Repositories of the lsm store as an application gets them: a Boot application with the
 * starter's auto-configurations, {@code lsm.data-dir} in a temporary directory, repositories
 * found in the application package ({@code compat.domain}). One such application serves most
 * cases (keyspaces are dropped before each); restarts and other wirings get contexts of their
 * own ({@code ApplicationContextRunner}). Cases of spring-data-keyvalue's
 * {@code AbstractRepositoryUnitTests} / {@code KeyValuePartTreeQueryUnitTests} /
 * {@code MapDbIntegrationTests} and spring-data-redis' {@code RedisRepositoryIntegrationTestBase}
 * (geo, references, keyspace events and partial updates left out), written anew, plus restarts
 * (a second context on the same directory) and {@code @EnableLsmRepositories} wiring.
 */
class RepositoryContractTests {

    static final KvPerson CERSEI = new KvPerson("cersei", 19);
    static final KvPerson JAIME = new KvPerson("jaime", 19);
    static final KvPerson TYRION = new KvPerson("tyrion", 17);

    /** Store of the shared context (most cases); cleared before each test, keyspace by keyspace. */
    @TempDir
    static Path sharedDir;

    /** Store of the tests that start their own contexts (restarts, other wiring). */
    @TempDir
    Path dir;

    private static ConfigurableApplicationContext shared;

    @BeforeAll
    static void startSharedContext() {
        shared = new SpringApplicationBuilder(SharedApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("lsm.data-dir=" + sharedDir, "lsm.sync-mode=none")
                .run();
    }

    @AfterAll
    static void stopSharedContext() {
        shared.close();
    }

    /**
     * An application as Boot starts it, with only the lsm auto-configurations (store and
     * repositories) and the domain package as its auto-configuration package.
     */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({LsmAutoConfiguration.class, LsmRepositoriesAutoConfiguration.class})
    @AutoConfigurationPackage(basePackageClasses = CompatDomain.class)
    static class SharedApplication {
    }

    @BeforeEach
    void clearKeyspaces() {
        KeyValueTemplate template = shared.getBean(KeyValueTemplate.class);
        for (Class<?> type : List.of(KvPerson.class, Person.class, Immutable.class, User.class, MapDbPerson.class,
                Note.class, Token.class, Account.class, Profile.class, Car.class, Gadget.class, Animal.class)) {
            template.delete(type);
        }
    }

    interface ContextTest {
        void accept(ApplicationContext ctx) throws Throwable;
    }

    /** Runs {@code test} against the shared context. */
    private void run(ContextTest test) throws Throwable {
        test.accept(shared);
    }

    /** A runner whose contexts all open {@link #dir}: two runs are a restart. */
    private ApplicationContextRunner runner() {
        return CompatStore.bootRunner(dir);
    }

    /** Runs {@code test} in a context of its own over {@link #dir}. */
    private void isolated(ContextTest test) {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            test.accept(ctx);
        });
    }

    private static List<KvPerson> lannisters() {
        return List.of(copy(CERSEI), copy(JAIME), copy(TYRION));
    }

    private static KvPerson copy(KvPerson p) {
        return new KvPerson(p.getFirstname(), p.getAge());
    }

    private static <T> List<T> list(Iterable<T> iterable) {
        List<T> out = new ArrayList<>();
        iterable.forEach(out::add);
        return out;
    }

    // ================================================================== spring-data-keyvalue AbstractRepositoryUnitTests

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findBy
    void findByAge() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByAge(19)).containsExactlyInAnyOrder(saved.get(0), saved.get(1));
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findByFirstname
    void findByFirstname() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByFirstname("cersei")).containsExactly(saved.get(0));
            assertThat(repo.findByFirstname("jaime")).containsExactly(saved.get(1));
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#combindedFindUsingAnd
    void combinedFindUsingAnd() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByFirstnameAndAge("jaime", 19)).containsExactly(saved.get(1));
            assertThat(repo.findByFirstnameAndAge("tyrion", 17)).containsExactly(saved.get(2));
            assertThat(repo.findByFirstnameAndAge("tyrion", 19)).isEmpty();
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findPage
    void findPage() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            repo.saveAll(lannisters());

            Page<KvPerson> page = repo.findByAge(19, PageRequest.of(0, 1));
            assertThat(page.hasNext()).isTrue();
            assertThat(page.getTotalElements()).isEqualTo(2L);
            assertThat(page.getContent()).hasSize(1);

            Page<KvPerson> next = repo.findByAge(19, page.nextPageable());
            assertThat(next.hasNext()).isFalse();
            assertThat(next.getTotalElements()).isEqualTo(2L);
            assertThat(next.getContent()).hasSize(1).doesNotContainAnyElementsOf(page.getContent());
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findByConnectingOr
    void findByConnectingOr() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByAgeOrFirstname(19, "tyrion")).containsExactlyInAnyOrderElementsOf(saved);
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#singleEntityExecution
    void singleEntityExecution() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByAgeAndFirstname(17, "tyrion")).isEqualTo(saved.get(2));
            assertThat(repo.findByAgeAndFirstname(19, "cersei")).isEqualTo(saved.get(0));
            assertThat(repo.findByAgeAndFirstname(1, "nobody")).isNull();
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findAllShouldRespectSort
    void findAllShouldRespectSort() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findAll(Sort.by(new Sort.Order(Direction.ASC, "age"), new Sort.Order(Direction.DESC, "firstname"))))
                    .containsExactly(saved.get(2), saved.get(1), saved.get(0));
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#derivedFinderShouldRespectSort
    void derivedFinderShouldRespectSort() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByAgeGreaterThanOrderByAgeAscFirstnameDesc(2))
                    .containsExactly(saved.get(2), saved.get(1), saved.get(0));
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#projectsResultToInterface
    void projectsResultToInterface() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            repo.saveAll(lannisters());

            List<PersonSummary> result = repo.findByAgeGreaterThan(0, Sort.by("firstname"));

            assertThat(result).hasSize(3);
            assertThat(result.get(0).getFirstname()).isEqualTo("cersei");
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#projectsResultToDynamicInterface
    void projectsResultToDynamicInterface() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            repo.saveAll(lannisters());

            List<PersonSummary> result = repo.findByAgeGreaterThan(0, Sort.by("firstname"), PersonSummary.class);

            assertThat(result).hasSize(3);
            assertThat(result.get(0).getFirstname()).isEqualTo("cersei");
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findsByValueInCollectionCorrectly
    void findsByValueInCollection() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByFirstnameIn(Arrays.asList("cersei", "jaime")))
                    .containsExactlyInAnyOrder(saved.get(0), saved.get(1));
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findsByValueInCollectionCorrectlyWhenTargetPathContainsNullValue
    void findsByValueInCollectionWhenTargetPathContainsNullValue() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());
            repo.save(new KvPerson(null, 10));

            assertThat(repo.findByFirstnameIn(Arrays.asList("cersei", "jaime")))
                    .containsExactlyInAnyOrder(saved.get(0), saved.get(1));
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findsByValueInCollectionCorrectlyWhenTargetPathAndCollectionContainNullValue
    void findsByValueInCollectionWhenTargetPathAndCollectionContainNullValue() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());
            KvPerson nameless = repo.save(new KvPerson(null, 10));

            assertThat(repo.findByFirstnameIn(Arrays.asList("cersei", "jaime", null)))
                    .containsExactlyInAnyOrder(saved.get(0), saved.get(1), nameless);
            assertThat(repo.findByFirstnameIsNull()).containsExactly(nameless);
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findsByValueInCollectionCorrectly, with repeated values, counted (not indexed)
    void countByInWithRepeatedValuesCountsEachEntityOnce() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            repo.saveAll(lannisters());

            assertThat(repo.countByFirstnameIn(Arrays.asList("cersei", "cersei", "jaime"))).isEqualTo(2);
        });
    }

    // ================================================================== spring-data-keyvalue KeyValuePartTreeQueryUnitTests

    @Test // spring-data-keyvalue KeyValuePartTreeQueryUnitTests#shouldApplyPageableParameterToCollectionQuery
    void pageableParameterAppliesToACollectionQuery() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            for (int i = 0; i < 10; i++) {
                repo.save(new KvPerson("p" + i, 30));
            }

            List<KvPerson> page = repo.findListByAge(30, PageRequest.of(2, 3, Sort.by("firstname")));

            assertThat(page).extracting(KvPerson::getFirstname).containsExactly("p6", "p7", "p8");
        });
    }

    @Test // spring-data-keyvalue KeyValuePartTreeQueryUnitTests#shouldApplyDerivedMaxResultsToQuery
    void topKeywordLimitsResults() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            repo.saveAll(lannisters());
            repo.save(new KvPerson("joffrey", 12));

            assertThat(repo.findTop3By()).hasSize(3);
            assertThat(repo.findTop2ByOrderByAgeDesc()).extracting(KvPerson::getAge).containsExactly(19, 19);
            assertThat(repo.findFirstByOrderByAgeAsc()).map(KvPerson::getFirstname).contains("joffrey");
        });
    }

    @Test // spring-data-keyvalue KeyValuePartTreeQueryUnitTests#shouldUseCountForExists + #shouldUseCountForCount
    void existsByAndCountByUseTheCriteria() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            repo.saveAll(lannisters());

            assertThat(repo.existsByFirstname("jaime")).isTrue();
            assertThat(repo.existsByFirstname("joffrey")).isFalse();
            assertThat(repo.countByFirstname("jaime")).isEqualTo(1);
            assertThat(repo.countByAge(19)).isEqualTo(2);
        });
    }

    @Test // spring-data-commons Slice contract (KeyValuePartTreeQuery#doExecute, slice branch)
    void sliceKnowsWhetherThereIsANextSlice() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            for (int i = 0; i < 5; i++) {
                repo.save(new KvPerson("p" + i, 30));
            }

            Slice<KvPerson> first = repo.findSliceByAge(30, PageRequest.of(0, 2, Sort.by("firstname")));
            Slice<KvPerson> last = repo.findSliceByAge(30, PageRequest.of(2, 2, Sort.by("firstname")));

            assertThat(first.getContent()).extracting(KvPerson::getFirstname).containsExactly("p0", "p1");
            assertThat(first.hasNext()).isTrue();
            assertThat(last.getContent()).extracting(KvPerson::getFirstname).containsExactly("p4");
            assertThat(last.hasNext()).isFalse();
        });
    }

    @Test // spring-data-commons reference "Paging, Iterating Large Results, Sorting & Limiting": a Limit parameter caps the result
    void limitParameterCapsTheResult() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            repo.saveAll(lannisters());

            assertThat(repo.findByAgeGreaterThanEqual(0, Limit.of(2))).hasSize(2);
            assertThat(repo.findByAgeGreaterThanEqual(0, Limit.unlimited())).hasSize(3);
        });
    }

    @Test // spring-data-commons reference "Streaming Query Results"; spring-data-redis RedisRepositoryIntegrationTestBase#shouldProjectCollection (stream part)
    void streamReturnType() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            try (Stream<KvPerson> stream = repo.streamByAge(19)) {
                assertThat(stream).containsExactlyInAnyOrder(saved.get(0), saved.get(1));
            }
        });
    }

    @Test // spring-data-keyvalue PredicateQueryCreator: IgnoreCase on equality
    void ignoreCaseEquality() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            List<KvPerson> saved = repo.saveAll(lannisters());

            assertThat(repo.findByFirstnameIgnoreCase("CeRsEi")).containsExactly(saved.get(0));
        });
    }

    // ================================================================== spring-data-keyvalue CRUD (SimpleKeyValueRepository)

    @Test // spring-data-keyvalue SimpleKeyValueRepositoryUnitTests (save/insert/update, deleteById, deleteAllById, findAllById, existsById)
    void crudRoundTrip() throws Throwable {
        run(ctx -> {
            KvPersonRepository repo = ctx.getBean(KvPersonRepository.class);
            KvPerson cersei = repo.save(copy(CERSEI));
            assertThat(cersei.getId()).isNotNull();
            cersei.setAge(20);
            repo.save(cersei);
            List<KvPerson> others = repo.saveAll(List.of(copy(JAIME), copy(TYRION)));

            assertThat(repo.count()).isEqualTo(3);
            assertThat(repo.findById(cersei.getId())).contains(cersei);
            assertThat(repo.existsById(cersei.getId())).isTrue();
            assertThat(repo.existsById("nope")).isFalse();
            assertThat(repo.findAllById(List.of(cersei.getId(), "nope", others.get(0).getId())))
                    .containsExactlyInAnyOrder(cersei, others.get(0));

            repo.deleteAllById(List.of(others.get(0).getId(), others.get(1).getId()));
            assertThat(repo.findAll()).containsExactly(cersei);
            repo.delete(cersei);
            assertThat(repo.count()).isZero();
        });
    }

    @Test // spring-data-keyvalue MapDbIntegrationTests#shouldStoreEntriesInMapDb (entity with a package-private constructor)
    void entityWithPackagePrivateConstructorIsStoredAndQueried() throws Throwable {
        run(ctx -> {
            MapDbPersonRepository repo = ctx.getBean(MapDbPersonRepository.class);
            MapDbPerson walter = repo.save(newMapDbPerson("Walter", "White"));
            repo.save(newMapDbPerson("Skyler", "White"));
            repo.save(newMapDbPerson("Flynn", "White"));

            assertThat(repo.countByLastname("White")).isEqualTo(3);
            assertThat(repo.findById(walter.getId())).isPresent();
        });
    }

    private static MapDbPerson newMapDbPerson(String first, String last) {
        try {
            var c = MapDbPerson.class.getDeclaredConstructor(String.class, String.class);
            c.setAccessible(true);
            return c.newInstance(first, last);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ================================================================== spring-data-redis RedisRepositoryIntegrationTestBase

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#simpleFindShouldReturnEntitiesCorrectly
    void simpleFindShouldReturnEntities() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person rand = new Person("rand", "al'thor");
            Person egwene = new Person();
            egwene.setFirstname("egwene");
            repo.saveAll(Arrays.asList(rand, egwene));

            assertThat(repo.count()).isEqualTo(2L);
            assertThat(repo.findById(rand.getId())).contains(rand);
            assertThat(repo.findById(egwene.getId())).contains(egwene);
            assertThat(repo.findByFirstname("rand")).containsExactly(rand);
            assertThat(repo.findByFirstname("egwene")).containsExactly(egwene);
            assertThat(repo.findByLastname("al'thor")).containsExactly(rand);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnSingleEntityByIdViaQueryMethod
    void singleEntityByIdViaQueryMethod() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person rand = new Person("rand", "al'thor");
            Person egwene = new Person("egwene", null);
            repo.saveAll(Arrays.asList(rand, egwene));

            assertThat(repo.findEntityById(rand.getId())).isEqualTo(rand);
            assertThat(repo.findEntityById(egwene.getId())).isEqualTo(egwene);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldProjectSingleResult (interface projection)
    void projectsSingleResultToAnInterface() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person rand = new Person("rand", "al'thor");
            repo.saveAll(Arrays.asList(rand, new Person("egwene", null)));

            PersonProjection projection = repo.findProjectionById(rand.getId(), PersonProjection.class);
            assertThat(projection).isNotNull();
            assertThat(projection.getFirstname()).isEqualTo("rand");
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldProjectSingleResult (DTO projection)
    void projectsSingleResultToADto() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person rand = new Person("rand", "al'thor");
            repo.saveAll(Arrays.asList(rand, new Person("egwene", null)));

            PersonDto dto = repo.findProjectionById(rand.getId(), PersonDto.class);
            assertThat(dto).isNotNull();
            assertThat(dto.firstname()).isEqualTo("rand");
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldProjectCollection (interface projections)
    void projectsCollectionToInterfaces() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(Arrays.asList(new Person("rand", "al'thor"), new Person("egwene", null)));

            assertThat(repo.findProjectionBy()).extracting(PersonProjection::getFirstname)
                    .containsExactlyInAnyOrder("rand", "egwene");
            assertThat(repo.findProjectionStreamBy().toList()).extracting(PersonProjection::getFirstname)
                    .containsExactlyInAnyOrder("rand", "egwene");
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldProjectCollection (DTO projection)
    void projectsCollectionToDtos() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(Arrays.asList(new Person("rand", "al'thor"), new Person("egwene", null)));

            assertThat(repo.findProjectionDtoBy()).extracting(PersonDto::firstname)
                    .containsExactlyInAnyOrder("rand", "egwene");
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#simpleFindByMultipleProperties
    void simpleFindByMultipleProperties() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person egwene = new Person("egwene", "al'vere");
            Person marin = new Person("marin", "al'vere");
            repo.saveAll(Arrays.asList(egwene, marin));

            assertThat(repo.findByLastname("al'vere")).hasSize(2);
            assertThat(repo.findByFirstnameAndLastname("egwene", "al'vere")).containsExactly(egwene);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#simpleFindAndSort
    void simpleFindAndSort() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person egwene = new Person("egwene", "al'vere");
            Person marin = new Person("marin", "al'vere");
            repo.saveAll(Arrays.asList(egwene, marin));

            assertThat(repo.findByLastname("al'vere", Sort.by(Direction.ASC, "firstname"))).containsExactly(egwene, marin);
            assertThat(repo.findByLastname("al'vere", Sort.by(Direction.DESC, "firstname"))).containsExactly(marin, egwene);
            assertThat(repo.findByLastnameOrderByFirstnameAsc("al'vere")).containsExactly(egwene, marin);
            assertThat(repo.findByLastnameOrderByFirstnameDesc("al'vere")).containsExactly(marin, egwene);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#simpleFindAllWithSort
    void simpleFindAllWithSort() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person egwene = new Person("egwene", "al'vere");
            Person marin = new Person("marin", "al'vere");
            repo.saveAll(Arrays.asList(egwene, marin));

            assertThat(repo.findAll(Sort.by(Direction.ASC, "firstname"))).containsExactly(egwene, marin);
            assertThat(repo.findAll(Sort.by(Direction.DESC, "firstname"))).containsExactly(marin, egwene);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#findReturnsPageCorrectly
    void findReturnsPage() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "sansa", "arya", "bran", "rickon"));

            Page<Person> page1 = repo.findPersonByLastname("stark", PageRequest.of(0, 5));
            assertThat(page1.getNumberOfElements()).isEqualTo(5);
            assertThat(page1.getTotalElements()).isEqualTo(6L);

            Page<Person> page2 = repo.findPersonByLastname("stark", page1.nextPageable());
            assertThat(page2.getNumberOfElements()).isEqualTo(1);
            assertThat(page2.getTotalElements()).isEqualTo(6L);
            assertThat(page2.getContent()).doesNotContainAnyElementsOf(page1.getContent());
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#findUsingOrReturnsResultCorrectly
    void findUsingOr() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person eddard = new Person("eddard", "stark");
            Person robb = new Person("robb", "stark");
            Person jon = new Person("jon", "snow");
            repo.saveAll(Arrays.asList(eddard, robb, jon));

            assertThat(repo.findByFirstnameOrLastname("eddard", "snow")).containsExactlyInAnyOrder(eddard, jon);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldApplyFirstKeywordCorrectly + #shouldApplyTopKeywordCorrectly
    void firstAndTopKeywords() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "jon"));

            assertThat(repo.findFirstBy()).hasSize(1);
            assertThat(repo.findTop2By()).hasSize(2);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldApplyTopKeywordCorrectlyWhenCriteriaPresent
    void topKeywordWithCriteria() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(List.of(new Person("eddard", "stark"), new Person("tyrion", "lannister"),
                    new Person("robb", "stark"), new Person("jon", "snow"), new Person("arya", "stark")));

            List<Person> result = repo.findTop2ByLastname("stark");

            assertThat(result).hasSize(2).allSatisfy(p -> assertThat(p.getLastname()).isEqualTo("stark"));
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldApplyPageableCorrectlyWhenUsingFindAll
    void pageableFindAll() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "jon"));

            Page<Person> firstPage = repo.findAll(PageRequest.of(0, 2));
            assertThat(firstPage.getContent()).hasSize(2);
            assertThat(firstPage.getTotalElements()).isEqualTo(3);
            assertThat(repo.findAll(firstPage.nextPageable()).getContent()).hasSize(1)
                    .doesNotContainAnyElementsOf(firstPage.getContent());
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldApplyPageableCorrectlyWhenUsingFindByWithoutCriteria
    void pageableFindByWithoutCriteria() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "jon"));

            Page<Person> firstPage = repo.findBy(PageRequest.of(0, 2));
            assertThat(firstPage.getContent()).hasSize(2);
            assertThat(firstPage.getTotalElements()).isEqualTo(3L);
            assertThat(repo.findBy(firstPage.nextPageable()).getContent()).hasSize(1);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnEntitiesWithoutDuplicates
    void orOverlappingBranchesReturnsEachEntityOnce() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person eddard = alive(new Person("eddard", "stark"), true);
            Person robb = alive(new Person("robb", "stark"), false);
            Person jon = alive(new Person("jon", "snow"), true);
            repo.saveAll(Arrays.asList(eddard, robb, jon));

            assertThat(repo.findByFirstnameAndLastnameOrAliveIsTrue("eddard", "stark")).containsExactlyInAnyOrder(eddard, jon);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldFindByBooleanIsTrue + #shouldFindByBooleanIsFalse
    void findByBooleanIsTrueAndIsFalse() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person eddard = alive(new Person("eddard", "stark"), true);
            Person robb = alive(new Person("robb", "stark"), false);
            Person jon = new Person("jon", "snow");
            repo.saveAll(Arrays.asList(eddard, robb, jon));

            assertThat(repo.findPersonByAliveIsTrue()).containsExactly(eddard);
            assertThat(repo.findPersonByAliveIsFalse()).containsExactly(robb);
            assertThat(repo.countByAliveIsTrue()).isEqualTo(1);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnEmptyListWhenPageableOutOfBoundsUsingFindAll
    void pageOutOfBoundsUsingFindAllIsEmpty() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "jon"));

            Page<Person> page = repo.findAll(PageRequest.of(100, 2));
            assertThat(page.getContent()).isEmpty();
            assertThat(page.getTotalElements()).isEqualTo(3);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnEmptyListWhenPageableOutOfBoundsUsingQueryMethod
    void pageOutOfBoundsUsingQueryMethodIsEmptyWithTotal() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "sansa"));

            Page<Person> page1 = repo.findPersonByLastname("stark", PageRequest.of(1, 3));
            assertThat(page1.getNumberOfElements()).isZero();
            assertThat(page1.getTotalElements()).isEqualTo(3L);

            Page<Person> page2 = repo.findPersonByLastname("stark", PageRequest.of(2, 3));
            assertThat(page2.getContent()).isEmpty();
            assertThat(page2.getTotalElements()).isEqualTo(3L);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#nearQueryShouldReturnResultsCorrectlyOnNestedProperty (nested path, equality instead of geo)
    void findByNestedProperty() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            Person p1 = new Person("foo", "bar");
            p1.setHometown(new City("palermo"));
            Person p2 = new Person("two", "two");
            p2.setHometown(new City("catania"));
            repo.saveAll(Arrays.asList(p1, p2));

            assertThat(repo.findByHometownName("catania")).containsExactly(p2);
            assertThat(repo.findAll(Sort.by("hometown.name"))).containsExactly(p2, p1);
        });
    }

    @Test // spring-data-keyvalue AbstractRepositoryUnitTests#findsByValueInCollectionCorrectly, on an @Indexed property, with a repeated value
    void countByInOnAnIndexedPropertyWithRepeatedValuesCountsEachEntityOnce() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "jon"));

            assertThat(repo.findByFirstnameIn(List.of("robb", "robb", "jon"))).hasSize(2);
            assertThat(repo.countByFirstnameIn(List.of("robb", "robb", "jon"))).isEqualTo(2);
        });
    }

    @Test // spring-data-keyvalue KeyValuePartTreeQueryUnitTests#shouldUseCountForCount + #shouldUseCountForExists, on an @Indexed property
    void countByAndExistsByOnAnIndexedProperty() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            repo.saveAll(starks("eddard", "robb", "robb"));

            assertThat(repo.countByFirstname("robb")).isEqualTo(2);
            assertThat(repo.existsByFirstname("robb")).isTrue();
            assertThat(repo.existsByFirstname("jon")).isFalse();
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnNewObjectInstanceOnImmutableSave
    void immutableSaveReturnsNewInstanceWithId() throws Throwable {
        run(ctx -> {
            ImmutableRepository repo = ctx.getBean(ImmutableRepository.class);
            Immutable object = new Immutable(null, "Walter", new Immutable("heisenberg", "White", null));

            Immutable saved = repo.save(object);

            assertThat(object.getId()).isNull();
            assertThat(saved.getId()).isNotNull();
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnNewObjectInstanceOnImmutableSaveAll
    void immutableSaveAllReturnsNewInstancesWithIds() throws Throwable {
        run(ctx -> {
            ImmutableRepository repo = ctx.getBean(ImmutableRepository.class);
            Immutable object = new Immutable(null, "Walter", new Immutable("heisenberg", "White", null));

            List<Immutable> saved = list(repo.saveAll(Collections.singleton(object)));

            assertThat(object.getId()).isNull();
            assertThat(saved.get(0).getId()).isNotNull();
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldProperlyReadNestedImmutableObject
    void readsNestedImmutableObject() throws Throwable {
        run(ctx -> {
            ImmutableRepository repo = ctx.getBean(ImmutableRepository.class);
            Immutable nested = new Immutable("heisenberg", "White", null);

            repo.save(new Immutable("walter", "Walter", nested));

            assertThat(repo.findById("walter")).map(Immutable::getNested).contains(nested);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnNewObjectInstanceOnImmutableSave, read back by the generated id
    void immutableEntitySavedWithGeneratedIdIsFoundByThatId() throws Throwable {
        run(ctx -> {
            ImmutableRepository repo = ctx.getBean(ImmutableRepository.class);
            repo.save(new Immutable(null, "Walter", null));

            List<Immutable> all = list(repo.findAll());
            assertThat(all).hasSize(1);
            assertThat(all.get(0).getId()).isNotNull();
            assertThat(repo.findById(all.get(0).getId())).contains(all.get(0));
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldReturnNewObjectInstanceOnImmutableSave, with a record
    void recordSaveReturnsTheGeneratedId() throws Throwable {
        run(ctx -> {
            NoteRepository notes = ctx.getBean(NoteRepository.class);

            Note saved = notes.save(new Note(null, "hello"));

            assertThat(saved.id()).isNotNull();
            assertThat(notes.findById(saved.id())).contains(saved);
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldProperlyHandleEntityWithOffsetJavaTimeTypes (GH-2677)
    void entityWithOffsetJavaTimeTypesAndPrivateConstructor() throws Throwable {
        run(ctx -> {
            UserRepository users = ctx.getBean(UserRepository.class);
            User jonDoe = User.of("Jon Doe").expires(OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2)))
                    .lastAccess(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(2)));

            users.save(jonDoe);
            User loaded = users.findById("Jon Doe").orElse(null);

            assertThat(loaded).isNotNull().isNotSameAs(jonDoe);
            assertThat(loaded.getName()).isEqualTo(jonDoe.getName());
            assertThat(loaded.getLastAccessed()).hasToString(jonDoe.getLastAccessed().toString());
            assertThat(loaded.getExpiration()).hasToString(jonDoe.getExpiration().toString());
        });
    }

    // ================================================================== Query by Example

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#shouldFindByExample + QueryByExampleRedisExecutorIntegrationTests#shouldFindAllByExample/#shouldCountCorrectly/#shouldReportExistenceCorrectly
    void queryByExampleRepository() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class))
                .withUserConfiguration(QbeConfig.class)
                .withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=none")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    QbePersonRepository repo = ctx.getBean(QbePersonRepository.class);
                    repo.saveAll(List.of(new QbePerson("eddard", "stark"), new QbePerson("tyrion", "lannister"),
                            new QbePerson("robb", "stark"), new QbePerson("jon", "snow"), new QbePerson("arya", "stark")));

                    assertThat(repo.findAll(Example.of(new QbePerson(null, "stark")))).hasSize(3);
                    assertThat(repo.count(Example.of(new QbePerson(null, "stark")))).isEqualTo(3);
                    assertThat(repo.exists(Example.of(new QbePerson("jon", null)))).isTrue();
                    assertThat(repo.findOne(Example.of(new QbePerson("jon", null)))).isPresent();
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableLsmRepositories(basePackageClasses = QbePerson.class)
    static class QbeConfig {
    }

    // ================================================================== mapping

    @Test // spring-data-commons mapping: @org.springframework.data.annotation.Transient properties are not persisted (as in Spring Data Redis)
    void transientPropertyIsNotPersisted() throws Throwable {
        run(ctx -> {
            ProfileRepository profiles = ctx.getBean(ProfileRepository.class);
            profiles.save(new Profile("p1", "Ann", "secret-session"));

            Profile loaded = profiles.findById("p1").orElseThrow();
            assertThat(loaded.getDisplayName()).isEqualTo("Ann");
            assertThat(loaded.getSessionToken()).isNull();
        });
    }

    @Test // spring-data-commons mapping: only persistent properties (fields) are written; a derived getter is not a property
    void derivedGetterIsNeitherCalledNorPersisted() throws Throwable {
        run(ctx -> {
            ProfileRepository profiles = ctx.getBean(ProfileRepository.class);
            profiles.save(new Profile("p2", null, null));

            assertThat(profiles.findById("p2")).isPresent();
        });
    }

    @Test // spring-data-commons mapping: the constructor marked @PersistenceCreator creates entities on read
    void persistenceCreatorConstructorIsUsedOnRead() throws Throwable {
        run(ctx -> {
            GadgetRepository gadgets = ctx.getBean(GadgetRepository.class);
            gadgets.save(new Gadget("g1", "phone", 3));

            assertThat(gadgets.findById("g1")).contains(new Gadget("g1", "phone", 3));
        });
    }

    @Test // spring-data-keyvalue KeyValueTemplateTests#insertShouldRespectTypeAlias (repository level)
    void supertypeRepositoryReturnsSubtypeInstances() throws Throwable {
        run(ctx -> {
            AnimalRepository animals = ctx.getBean(AnimalRepository.class);
            animals.save(new Animal("a1", "generic"));
            ctx.getBean(DogRepository.class).save(new Dog("d1", "rex", "beagle"));

            assertThat(animals.findById("d1")).containsInstanceOf(Dog.class);
            assertThat(animals.findAll()).hasAtLeastOneElementOfType(Dog.class);
        });
    }

    @Test // spring-data-redis RedisKeyValueAdapter: index entries go with the entity (delete through the supertype's repository)
    void deletingASubtypeThroughTheSupertypeRepositoryRemovesItsIndexEntries() throws Throwable {
        run(ctx -> {
            DogRepository dogs = ctx.getBean(DogRepository.class);
            dogs.save(new Dog("d1", "rex", "beagle"));
            dogs.save(new Dog("d2", "max", "beagle"));

            ctx.getBean(AnimalRepository.class).deleteById("d1");

            // d2's entries only: name=max and breed=beagle
            assertThat(indexEntries(ctx.getBean(LsmEngine.class), "animals")).isEqualTo(2);
        });
    }

    @Test // spring-data-keyvalue KeyValuePartTreeQueryUnitTests#shouldUseCountForCount, repository of a subtype sharing its supertype's keyspace
    void subtypeRepositoryFindsAndCountsByASubtypeProperty() throws Throwable {
        run(ctx -> {
            DogRepository dogs = ctx.getBean(DogRepository.class);
            ctx.getBean(AnimalRepository.class).save(new Animal("a1", "generic"));
            dogs.save(new Dog("d1", "rex", "beagle"));
            dogs.save(new Dog("d2", "max", "pug"));

            assertThat(dogs.findByBreed("beagle")).extracting(Animal::getId).containsExactly("d1");
            assertThat(dogs.countByBreed("beagle")).isEqualTo(1);
        });
    }

    // ================================================================== sorting by id

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#simpleFindAllWithSort, sorted by a UUID id
    void findAllSortedByUuidIdUsesUuidOrder() throws Throwable {
        run(ctx -> {
            TokenRepository tokens = ctx.getBean(TokenRepository.class);
            List<Token> all = new ArrayList<>();
            for (String s : List.of("00000000-0000-0001-0000-000000000000", "7fffffff-0000-0000-0000-000000000000",
                    "80000000-0000-0000-0000-000000000000", "ffffffff-0000-0000-0000-000000000000")) {
                all.add(new Token(UUID.fromString(s), s));
            }
            tokens.saveAll(all);

            List<Token> expected = all.stream().sorted(Comparator.comparing(Token::getId)).toList();
            assertThat(tokens.findAll(Sort.by("id"))).containsExactlyElementsOf(expected);
            assertThat(tokens.findAll(PageRequest.of(0, 2, Sort.by("id"))).getContent())
                    .containsExactlyElementsOf(expected.subList(0, 2));
        });
    }

    @Test // spring-data-redis RedisRepositoryIntegrationTestBase#simpleFindAllWithSort, sorted by a BigInteger id
    void findAllSortedByBigIntegerIdUsesNumericOrder() throws Throwable {
        run(ctx -> {
            AccountRepository accounts = ctx.getBean(AccountRepository.class);
            accounts.saveAll(List.of(new Account(BigInteger.valueOf(9), "a"), new Account(BigInteger.valueOf(10), "b"),
                    new Account(BigInteger.valueOf(100), "c")));

            assertThat(accounts.findAll(Sort.by("number"))).extracting(Account::getNumber)
                    .containsExactly(BigInteger.valueOf(9), BigInteger.valueOf(10), BigInteger.valueOf(100));
        });
    }

    @Test // Sort API: Order.ignoreCase() applies to the id property too
    void findAllSortedByStringIdIgnoringCase() throws Throwable {
        run(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            for (String id : List.of("B", "a", "C")) {
                Person p = new Person(id, "x");
                p.setId(id);
                repo.save(p);
            }

            assertThat(repo.findAll(Sort.by(Sort.Order.asc("id").ignoreCase()))).extracting(Person::getId)
                    .containsExactly("a", "B", "C");
        });
    }

    // ================================================================== restarts

    /**
     * Also the adapted form of the map store's shutdown behaviour: closing the first context runs
     * {@code KeyValueTemplate#destroy()}, which calls {@code adapter.clear()}; the map store is
     * then empty, a persistent store must not be (documented: clear() is a no-op).
     */
    @Test // persistent store: what a context saved, the next context (same lsm.data-dir) reads, queries and counts
    void dataAndIndexesSurviveARestart() {
        runner().run(ctx -> {
            ctx.getBean(PersonRepository.class).saveAll(starks("eddard", "robb", "jon"));
            ctx.getBean(CarRepository.class).saveAll(cars());
        });

        isolated(ctx -> {
            PersonRepository repo = ctx.getBean(PersonRepository.class);
            assertThat(repo.count()).isEqualTo(3);
            assertThat(repo.findByFirstname("robb")).hasSize(1);
            assertThat(repo.countByFirstname("robb")).isEqualTo(1);
            assertThat(repo.findAll(Sort.by("firstname"))).extracting(Person::getFirstname)
                    .containsExactly("eddard", "jon", "robb");
            CarRepository carRepo = ctx.getBean(CarRepository.class);
            assertThat(carRepo.countByColor(Color.RED)).isEqualTo(2);
            assertThat(carRepo.existsByColor(Color.BLUE)).isFalse();
            assertThat(carRepo.findByMileageGreaterThan(1000)).extracting(Car::getId).containsExactlyInAnyOrder(2L, 3L);
        });
    }

    @Test // restart with a hand-wired store: new LsmKeyValueAdapter(engine) + KeyValueTemplate + KeyValueRepositoryFactory
    void countByAndExistsByAfterRestartWithAPlainAdapter() {
        try (CompatStore store = new CompatStore(dir)) {
            carRepository(store.plainTemplate()).saveAll(cars());

            store.restart();
            CarRepository cars = carRepository(store.plainTemplate());

            assertThat(cars.countByColor(Color.RED)).isEqualTo(2);
            assertThat(cars.existsByColor(Color.GREEN)).isTrue();
            assertThat(cars.countByModel("estate")).isEqualTo(1);
            assertThat(cars.findByColor(Color.RED)).extracting(Car::getId).containsExactlyInAnyOrder(1L, 3L);
        }
    }

    @Test // restart with a hand-wired store: deleteById through a fresh plain adapter removes the entity's index entries
    void deleteByIdAfterRestartWithAPlainAdapterRemovesIndexEntries() {
        try (CompatStore store = new CompatStore(dir)) {
            carRepository(store.plainTemplate()).saveAll(cars());

            store.restart();
            carRepository(store.plainTemplate()).deleteById(1L);

            assertThat(indexEntries(store.engine(), "cars")).isEqualTo(2);
        }
    }

    // ================================================================== @EnableLsmRepositories

    @Test // spring-data-keyvalue MapRepositoryRegistrarWithFullDefaultingIntegrationTests#shouldEnableMapRepositoryCorrectly (lsm flavour)
    void enableLsmRepositoriesWiresWorkingRepositories() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class))
                .withUserConfiguration(ExplicitConfig.class)
                .withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=none")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    PersonRepository repo = ctx.getBean(PersonRepository.class);
                    repo.saveAll(starks("eddard", "robb", "jon"));
                    assertThat(repo.findByFirstname("jon")).hasSize(1);
                    assertThat(repo.findPersonByLastname("stark", PageRequest.of(0, 2)).getTotalElements()).isEqualTo(3);
                    assertThat(ctx.getBean(KeyValueTemplate.class).count(Person.class)).isEqualTo(3);
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableLsmRepositories(basePackageClasses = PersonRepository.class)
    static class ExplicitConfig {
    }

    // ================================================================== helpers

    private static CarRepository carRepository(KeyValueTemplate template) {
        return new KeyValueRepositoryFactory(template, LsmQueryCreator.class, LsmPartTreeQuery.class)
                .getRepository(CarRepository.class);
    }

    private static List<Car> cars() {
        return List.of(new Car(1L, Color.RED, "coupe", 500), new Car(2L, Color.GREEN, "estate", 1500),
                new Car(3L, Color.RED, "van", 25000));
    }

    private static List<Person> starks(String... firstnames) {
        List<Person> out = new ArrayList<>();
        for (String f : firstnames) {
            out.add(new Person(f, "stark"));
        }
        return out;
    }

    private static Person alive(Person p, boolean alive) {
        p.setAlive(alive);
        return p;
    }

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
}
