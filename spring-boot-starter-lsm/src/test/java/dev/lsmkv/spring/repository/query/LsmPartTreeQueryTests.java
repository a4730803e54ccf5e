package dev.lsmkv.spring.repository.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.spring.domain.Person;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.map.MapKeyValueAdapter;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.ValueExpressionDelegate;

/**
 * The query a derived method's parsed-once {@code Shape} builds is the one the base class builds
 * through a query creator and the {@code PartTree} on every call: same criteria (conditions,
 * arguments, case handling, OR/AND structure), sort, offset and rows, for every kind of argument.
 */
class LsmPartTreeQueryTests {

    /** A creator of another class: the query falls back to the base class's way of building queries. */
    public static class OtherCreator extends LsmQueryCreator {
        public OtherCreator(org.springframework.data.repository.query.parser.PartTree tree,
                org.springframework.data.repository.query.ParameterAccessor parameters) {
            super(tree, parameters);
        }
    }

    interface People extends Repository<Person, Long> {
        List<Person> findByEmail(String email);

        List<Person> findByEmail(Optional<String> email);

        List<Person> findByAgeGreaterThanAndEmailStartingWith(int age, String prefix);

        List<Person> findByEmailOrCityIgnoreCase(String email, String city);

        List<Person> findByEmailAndAgeOrCityAndScoreLessThanEqual(String email, int age, String city, Double score);

        List<Person> findByAgeBetween(int from, int to);

        List<Person> findByEmailIn(List<String> emails);

        List<Person> findByCityIsNullOrAgeLessThan(int age);

        List<Person> findByTagsContaining(String tag);

        List<Person> findTop3ByCityOrderByAgeDesc(String city);

        List<Person> findFirstByOrderByAgeAsc();

        List<Person> findByCityOrderByAgeAsc(String city, Sort sort);

        List<Person> findByCity(String city, Sort sort);

        List<Person> findByCity(String city, Limit limit);

        Page<Person> findByCityOrderByEmail(String city, Pageable page);

        Slice<Person> findByAgeGreaterThan(int age, Pageable page);

        List<Person> findByBirthdayAfter(LocalDate date);

        List<Person> findAllByOrderByBirthdayDesc();

        long countByCity(String city);

        boolean existsByEmail(String email);
    }

    private static final KeyValueTemplate TEMPLATE = new KeyValueTemplate(new MapKeyValueAdapter());

    private static LsmPartTreeQuery query(Method method, Class<? extends LsmQueryCreator> creator) {
        QueryMethod queryMethod = new QueryMethod(method, AbstractRepositoryMetadata.getMetadata(People.class),
                new SpelAwareProxyProjectionFactory());
        return new LsmPartTreeQuery(queryMethod, ValueExpressionDelegate.create(), TEMPLATE, creator);
    }

    private static void assertSameQuery(String name, Object... args) {
        Method method = Arrays.stream(People.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length && accepts(m, args))
                .findFirst().orElseThrow();
        LsmPartTreeQuery shaped = query(method, LsmQueryCreator.class);
        LsmPartTreeQuery created = query(method, OtherCreator.class);
        KeyValueQuery<?> fast = shaped.prepareQuery(args);
        KeyValueQuery<?> slow = created.prepareQuery(args);
        assertThat(String.valueOf(fast.getCriteria())).as(name).isEqualTo(String.valueOf(slow.getCriteria()));
        assertThat(fast.getSort()).as(name).isEqualTo(slow.getSort());
        assertThat(fast.getOffset()).as(name).isEqualTo(slow.getOffset());
        assertThat(fast.getRows()).as(name).isEqualTo(slow.getRows());
        // the criteria answer alike too, not only print alike
        Person p = new Person(1L, "a@x", 3, "Oslo");
        if (fast.getCriteria() != null) {
            assertThat(((dev.lsmkv.spring.core.LsmCriteria) fast.getCriteria()).matches(p))
                    .isEqualTo(((dev.lsmkv.spring.core.LsmCriteria) slow.getCriteria()).matches(p));
        }
    }

    private static boolean accepts(Method m, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            Class<?> p = m.getParameterTypes()[i];
            if (args[i] != null && !p.isPrimitive() && !p.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void conditionsAndTheirArgumentsAreBoundAsTheCreatorBindsThem() {
        assertSameQuery("findByEmail", "a@x");
        assertSameQuery("findByEmail", Optional.of("a@x"));
        assertSameQuery("findByAgeGreaterThanAndEmailStartingWith", 30, "a");
        assertSameQuery("findByEmailOrCityIgnoreCase", "a@x", "Oslo");
        assertSameQuery("findByEmailAndAgeOrCityAndScoreLessThanEqual", "a@x", 3, "Oslo", 2.5);
        assertSameQuery("findByAgeBetween", 3, 9);
        assertSameQuery("findByEmailIn", List.of("a@x", "b@x"));
        assertSameQuery("findByCityIsNullOrAgeLessThan", 4);
        assertSameQuery("findByTagsContaining", "vip");
        assertSameQuery("findByBirthdayAfter", LocalDate.of(2000, 1, 2));
        assertSameQuery("countByCity", "Oslo");
        assertSameQuery("existsByEmail", "a@x");
        assertSameQuery("findByEmail", (Object) null);
    }

    @Test
    void sortOffsetAndRowsComeFromTheMethodNameOrTheArgumentsAsBefore() {
        assertSameQuery("findTop3ByCityOrderByAgeDesc", "Oslo");
        assertSameQuery("findFirstByOrderByAgeAsc");
        assertSameQuery("findAllByOrderByBirthdayDesc");
        assertSameQuery("findByCityOrderByAgeAsc", "Oslo", Sort.by("email"));
        assertSameQuery("findByCityOrderByAgeAsc", "Oslo", Sort.unsorted());
        assertSameQuery("findByCity", "Oslo", Sort.by(Sort.Order.desc("age")));
        assertSameQuery("findByCity", "Oslo", Limit.of(7));
        assertSameQuery("findByCity", "Oslo", Limit.unlimited());
        assertSameQuery("findByCityOrderByEmail", "Oslo", PageRequest.of(2, 5));
        assertSameQuery("findByCityOrderByEmail", "Oslo", PageRequest.of(1, 5, Sort.by("age")));
        assertSameQuery("findByCityOrderByEmail", "Oslo", Pageable.unpaged());
        assertSameQuery("findByAgeGreaterThan", 3, PageRequest.of(0, 10));
    }

    @Test
    void aQueryCreatorOfAnotherClassBuildsEveryQueryItself() throws Exception {
        Method method = People.class.getDeclaredMethod("findByEmail", String.class);
        assertThat(query(method, LsmQueryCreator.class)).extracting("shape").isNotNull();
        assertThat(query(method, OtherCreator.class)).extracting("shape").isNull();
    }
}
