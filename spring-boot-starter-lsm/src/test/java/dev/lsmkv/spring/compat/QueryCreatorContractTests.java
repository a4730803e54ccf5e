package dev.lsmkv.spring.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lsmkv.spring.core.LsmCriteria;
import dev.lsmkv.spring.repository.query.LsmQueryCreator;
import java.lang.reflect.Method;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.geo.Distance;
import org.springframework.data.geo.Point;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * The semantics of every derived-query keyword, as spring-data-keyvalue's
 * {@code AbstractQueryCreatorTestBase} / {@code PredicateQueryCreatorUnitTests} /
 * {@code SpelQueryCreatorUnitTests} define them (cases written anew), evaluated with
 * {@link LsmQueryCreator} and {@link LsmCriteria#matches}. The query method is built the way
 * the repository infrastructure builds it (a {@link QueryMethod} over repository metadata and a
 * {@link PartTree}). Where lsm documents a different semantics the test says so.
 */
class QueryCreatorContractTests {

    static final DateTimeFormatter FORMATTER = DateTimeFormatter.ISO_ZONED_DATE_TIME;

    static final Person RICKON = new Person("rickon", 4);
    static final Person BRAN = new Person("bran", 9)
            .skinChanger(true).bornAt(Date.from(ZonedDateTime.parse("2013-01-31T06:00:00Z", FORMATTER).toInstant()));
    static final Person ARYA = new Person("arya", 13);
    static final Person ROBB = new Person("robb", 16)
            .named("stark").bornAt(Date.from(ZonedDateTime.parse("2010-09-20T06:00:00Z", FORMATTER).toInstant()));
    static final Person JON = new Person("jon", 17).named("snow");

    // ------------------------------------------------------------------ SIMPLE_PROPERTY / NEGATING

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#equalsReturnsTrueWhenMatching
    void equalsReturnsTrueWhenMatching() {
        assertThat(evaluate("findByFirstname", BRAN.firstname).against(BRAN)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#equalsReturnsFalseWhenNotMatching
    void equalsReturnsFalseWhenNotMatching() {
        assertThat(evaluate("findByFirstname", BRAN.firstname).against(RICKON)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notEqualsReturnsTrueWhenMatching
    void notEqualsReturnsTrueWhenMatching() {
        assertThat(evaluate("findByFirstnameNot", BRAN.firstname).against(RICKON)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notEqualsReturnsFalseWhenNotMatching
    void notEqualsReturnsFalseWhenNotMatching() {
        assertThat(evaluate("findByFirstnameNot", BRAN.firstname).against(BRAN)).isFalse();
    }

    // ------------------------------------------------------------------ TRUE / FALSE

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isTrueAssertedProperlyWhenTrue
    void isTrueAssertedProperlyWhenTrue() {
        assertThat(evaluate("findBySkinChangerIsTrue").against(BRAN)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isTrueAssertedProperlyWhenFalse
    void isTrueAssertedProperlyWhenFalse() {
        assertThat(evaluate("findBySkinChangerIsTrue").against(RICKON)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isFalseAssertedProperlyWhenTrue
    void isFalseAssertedProperlyWhenTrue() {
        assertThat(evaluate("findBySkinChangerIsFalse").against(BRAN)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isFalseAssertedProperlyWhenFalse
    void isFalseAssertedProperlyWhenFalse() {
        assertThat(evaluate("findBySkinChangerIsFalse").against(RICKON)).isTrue();
    }

    // ------------------------------------------------------------------ IS_NULL / IS_NOT_NULL

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isNullAssertedProperlyWhenAttributeIsNull
    void isNullAssertedProperlyWhenAttributeIsNull() {
        assertThat(evaluate("findByLastnameIsNull").against(BRAN)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isNullAssertedProperlyWhenAttributeIsNotNull
    void isNullAssertedProperlyWhenAttributeIsNotNull() {
        assertThat(evaluate("findByLastnameIsNull").against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isNotNullFalseTrueWhenAttributeIsNull
    void isNotNullReturnsFalseWhenAttributeIsNull() {
        assertThat(evaluate("findByLastnameIsNotNull").against(BRAN)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#isNotNullReturnsTrueAttributeIsNotNull
    void isNotNullReturnsTrueWhenAttributeIsNotNull() {
        assertThat(evaluate("findByLastnameIsNotNull").against(ROBB)).isTrue();
    }

    // ------------------------------------------------------------------ string keywords

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#startsWithReturnsTrueWhenMatching
    void startsWithReturnsTrueWhenMatching() {
        assertThat(evaluate("findByFirstnameStartingWith", "r").against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#startsWithReturnsFalseWhenNotMatching
    void startsWithReturnsFalseWhenNotMatching() {
        assertThat(evaluate("findByFirstnameStartingWith", "r").against(BRAN)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#likeReturnsTrueWhenMatching
    void likeReturnsTrueWhenMatching() {
        assertThat(evaluate("findByFirstnameLike", "ob").against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#likeReturnsFalseWhenNotMatching
    void likeReturnsFalseWhenNotMatching() {
        assertThat(evaluate("findByFirstnameLike", "ra").against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notLikeReturnsTrueWhenMatching
    void notLikeReturnsTrueWhenMatching() {
        assertThat(evaluate("findByFirstnameNotLike", "ra").against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notLikeReturnsFalseWhenNotMatching
    void notLikeReturnsFalseWhenNotMatching() {
        assertThat(evaluate("findByFirstnameNotLike", "ob").against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#endsWithReturnsTrueWhenMatching
    void endsWithReturnsTrueWhenMatching() {
        assertThat(evaluate("findByFirstnameEndingWith", "bb").against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#endsWithReturnsFalseWhenNotMatching
    void endsWithReturnsFalseWhenNotMatching() {
        assertThat(evaluate("findByFirstnameEndingWith", "an").against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue PredicateQueryCreatorUnitTests#startsWithIgnoreCaseReturnsTrueWhenMatching (the predicate creator's override)
    void equalsIgnoreCaseReturnsTrueWhenMatching() {
        assertThat(evaluate("findByFirstnameIgnoreCase", "RobB").against(ROBB)).isTrue();
        assertThat(evaluate("findByFirstnameIgnoreCase", "RobB").against(JON)).isFalse();
    }

    @Test // spring-data-keyvalue PredicateQueryCreator: IgnoreCase applies to StartingWith, EndingWith and Like
    void ignoreCaseAppliesToStartingWithEndingWithAndLike() {
        assertThat(evaluate("findByFirstnameStartingWithIgnoreCase", "RO").against(ROBB)).isTrue();
        assertThat(evaluate("findByFirstnameEndingWithIgnoreCase", "BB").against(ROBB)).isTrue();
        assertThat(evaluate("findByFirstnameLikeIgnoreCase", "OB").against(ROBB)).isTrue();
        assertThat(evaluate("findByFirstnameStartingWith", "RO").against(ROBB)).isFalse();
    }

    @Test // Part.Type CONTAINING / NOT_CONTAINING: substring of a string, element of a collection (lsm extension over the predicate creator)
    void containingMatchesSubstringsAndCollectionElements() {
        Person withTags = new Person("tagged", 1);
        withTags.tags = List.of("wolf", "direwolf");
        assertThat(evaluate("findByFirstnameContaining", "ob").against(ROBB)).isTrue();
        assertThat(evaluate("findByFirstnameNotContaining", "ob").against(ROBB)).isFalse();
        assertThat(evaluate("findByTagsContaining", "wolf").against(withTags)).isTrue();
        assertThat(evaluate("findByTagsContaining", "wol").against(withTags)).isFalse();
    }

    @Test // Part.Type IS_EMPTY / IS_NOT_EMPTY on a collection (lsm extension over the predicate creator)
    void isEmptyAndIsNotEmptyOnACollection() {
        Person withTags = new Person("tagged", 1);
        withTags.tags = List.of("wolf");
        assertThat(evaluate("findByTagsIsEmpty").against(ARYA)).isTrue();
        assertThat(evaluate("findByTagsIsEmpty").against(withTags)).isFalse();
        assertThat(evaluate("findByTagsIsNotEmpty").against(withTags)).isTrue();
    }

    // ------------------------------------------------------------------ ranges

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#greaterThanReturnsTrueForHigherValues
    void greaterThanReturnsTrueForHigherValues() {
        assertThat(evaluate("findByAgeGreaterThan", BRAN.age).against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#greaterThanReturnsFalseForLowerValues
    void greaterThanReturnsFalseForLowerValues() {
        assertThat(evaluate("findByAgeGreaterThan", BRAN.age).against(RICKON)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#afterReturnsTrueForHigherValues
    void afterReturnsTrueForHigherValues() {
        assertThat(evaluate("findByBirthdayAfter", ROBB.birthday).against(BRAN)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#afterReturnsFalseForLowerValues
    void afterReturnsFalseForLowerValues() {
        assertThat(evaluate("findByBirthdayAfter", BRAN.birthday).against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#greaterThanEaualsReturnsTrueForHigherValues
    void greaterThanEqualReturnsTrueForHigherValues() {
        assertThat(evaluate("findByAgeGreaterThanEqual", BRAN.age).against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#greaterThanEqualsReturnsTrueForEqualValues
    void greaterThanEqualReturnsTrueForEqualValues() {
        assertThat(evaluate("findByAgeGreaterThanEqual", BRAN.age).against(BRAN)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#greaterThanEqualsReturnsFalseForLowerValues
    void greaterThanEqualReturnsFalseForLowerValues() {
        assertThat(evaluate("findByAgeGreaterThanEqual", BRAN.age).against(RICKON)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#lessThanReturnsTrueForHigherValues
    void lessThanReturnsFalseForHigherValues() {
        assertThat(evaluate("findByAgeLessThan", BRAN.age).against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#lessThanReturnsFalseForLowerValues
    void lessThanReturnsTrueForLowerValues() {
        assertThat(evaluate("findByAgeLessThan", BRAN.age).against(RICKON)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#beforeReturnsTrueForLowerValues
    void beforeReturnsTrueForLowerValues() {
        assertThat(evaluate("findByBirthdayBefore", BRAN.birthday).against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#beforeReturnsFalseForHigherValues
    void beforeReturnsFalseForHigherValues() {
        assertThat(evaluate("findByBirthdayBefore", ROBB.birthday).against(BRAN)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#lessThanEaualsReturnsTrueForHigherValues
    void lessThanEqualReturnsFalseForHigherValues() {
        assertThat(evaluate("findByAgeLessThanEqual", BRAN.age).against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#lessThanEaualsReturnsTrueForEqualValues
    void lessThanEqualReturnsTrueForEqualValues() {
        assertThat(evaluate("findByAgeLessThanEqual", BRAN.age).against(BRAN)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#lessThanEqualsReturnsFalseForLowerValues
    void lessThanEqualReturnsTrueForLowerValues() {
        assertThat(evaluate("findByAgeLessThanEqual", BRAN.age).against(RICKON)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#betweenEqualsReturnsTrueForValuesInBetween
    void betweenReturnsTrueForValuesInBetween() {
        assertThat(evaluate("findByAgeBetween", BRAN.age, ROBB.age).against(ARYA)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#betweenEqualsReturnsFalseForHigherValues
    void betweenReturnsFalseForHigherValues() {
        assertThat(evaluate("findByAgeBetween", BRAN.age, ROBB.age).against(JON)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#betweenEqualsReturnsFalseForLowerValues
    void betweenReturnsFalseForLowerValues() {
        assertThat(evaluate("findByAgeBetween", BRAN.age, ROBB.age).against(RICKON)).isFalse();
    }

    @Test // spring-data-keyvalue PredicateQueryCreator: BETWEEN is exclusive at both ends
    void betweenExcludesBothBounds() {
        assertThat(evaluate("findByAgeBetween", BRAN.age, ROBB.age).against(BRAN)).isFalse();
        assertThat(evaluate("findByAgeBetween", BRAN.age, ROBB.age).against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue PredicateQueryCreator: ranges compare with Comparator.nullsFirst, so a null argument is below every value
    void rangeWithANullArgumentTreatsNullAsLowest() {
        assertThat(evaluate("findByBirthdayAfter", (Object) null).against(BRAN)).isTrue();
        assertThat(evaluate("findByBirthdayBefore", (Object) null).against(BRAN)).isFalse();
    }

    /**
     * Documented difference (LsmCriteria.Condition): "a null property never satisfies a range
     * condition", where the predicate creator's nullsFirst comparator makes a null property
     * less than everything ({@code findByBirthdayBefore(d)} would match RICKON, who has no
     * birthday). Asserts lsm's documented behaviour.
     */
    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#beforeReturnsTrueForLowerValues, null property (adapted)
    void rangeNeverMatchesANullProperty() {
        assertThat(evaluate("findByBirthdayBefore", BRAN.birthday).against(RICKON)).isFalse();
        assertThat(evaluate("findByBirthdayAfter", BRAN.birthday).against(RICKON)).isFalse();
    }

    // ------------------------------------------------------------------ AND / OR

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#connectByAndReturnsTrueWhenAllPropertiesMatching
    void andReturnsTrueWhenAllPropertiesMatch() {
        assertThat(evaluate("findByAgeGreaterThanAndLastname", BRAN.age, JON.lastname).against(JON)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#connectByAndReturnsFalseWhenOnlyFewPropertiesMatch
    void andReturnsFalseWhenOnlySomePropertiesMatch() {
        assertThat(evaluate("findByAgeGreaterThanAndLastname", BRAN.age, JON.lastname).against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#connectByOrReturnsTrueWhenOnlyFewPropertiesMatch
    void orReturnsTrueWhenOnlySomePropertiesMatch() {
        assertThat(evaluate("findByAgeGreaterThanOrLastname", BRAN.age, JON.lastname).against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#connectByOrReturnsTrueWhenAllPropertiesMatch
    void orReturnsTrueWhenAllPropertiesMatch() {
        assertThat(evaluate("findByAgeGreaterThanOrLastname", BRAN.age, JON.lastname).against(JON)).isTrue();
    }

    // ------------------------------------------------------------------ REGEX

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#regexReturnsTrueWhenMatching
    void regexReturnsTrueWhenMatching() {
        assertThat(evaluate("findByLastnameMatches", "^s.*w$").against(JON)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#regexReturnsFalseWhenNotMatching
    void regexReturnsFalseWhenNotMatching() {
        assertThat(evaluate("findByLastnameMatches", "^s.*w$").against(ROBB)).isFalse();
    }

    // ------------------------------------------------------------------ IN / NOT_IN

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#inReturnsMatchCorrectly
    void inReturnsMatch() {
        assertThat(evaluate("findByFirstnameIn", list(ROBB.firstname)).against(ROBB)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#inNotMatchingReturnsCorrectly
    void inReturnsNoMatch() {
        assertThat(evaluate("findByFirstnameIn", list(ROBB.firstname)).against(JON)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#inWithNullCompareValuesCorrectly
    void inWithNullCandidateDoesNotMatchNonNullValue() {
        assertThat(evaluate("findByFirstnameIn", list((String) null)).against(JON)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#inWithNullSourceValuesMatchesCorrectly
    void inDoesNotMatchNullValueAgainstNonNullCandidates() {
        assertThat(evaluate("findByFirstnameIn", list(ROBB.firstname)).against(new Person(null, 10))).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#inMatchesNullValuesCorrectly
    void inMatchesNullValueAgainstNullCandidate() {
        assertThat(evaluate("findByFirstnameIn", list((String) null)).against(new Person(null, 10))).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notInReturnsMatchCorrectly
    void notInReturnsMatch() {
        assertThat(evaluate("findByFirstnameNotIn", list(ROBB.firstname)).against(JON)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notInNotMatchingReturnsCorrectly
    void notInReturnsNoMatch() {
        assertThat(evaluate("findByFirstnameNotIn", list(ROBB.firstname)).against(ROBB)).isFalse();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notInWithNullCompareValuesCorrectly
    void notInWithNullCandidateMatchesNonNullValue() {
        assertThat(evaluate("findByFirstnameNotIn", list((String) null)).against(JON)).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notInWithNullSourceValuesMatchesCorrectly
    void notInMatchesNullValueAgainstNonNullCandidates() {
        assertThat(evaluate("findByFirstnameNotIn", list(ROBB.firstname)).against(new Person(null, 10))).isTrue();
    }

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#notInMatchesNullValuesCorrectly
    void notInDoesNotMatchNullValueAgainstNullCandidate() {
        assertThat(evaluate("findByFirstnameNotIn", list((String) null)).against(new Person(null, 10))).isFalse();
    }

    @Test // spring-data-keyvalue PredicateQueryCreator#in: IN with repeated candidates matches as a set
    void inWithRepeatedCandidatesMatchesOnce() {
        assertThat(evaluate("findByFirstnameIn", list(ROBB.firstname, ROBB.firstname)).against(ROBB)).isTrue();
        assertThat(evaluate("findByFirstnameNotIn", list(ROBB.firstname, ROBB.firstname)).against(ROBB)).isFalse();
    }

    // ------------------------------------------------------------------ no criteria, unsupported

    @Test // spring-data-keyvalue AbstractQueryCreatorTestBase#noDerivedQueryArgumentsMatchesAlways
    void noDerivedQueryArgumentsMatchesAlways() {
        assertThat(evaluate("findBy").against(JON)).isTrue();
        assertThat(evaluate("findBy").against(null)).isTrue();
    }

    @Test // spring-data-keyvalue PredicateQueryCreator#create: unsupported parts throw InvalidDataAccessApiUsageException
    void nearAndWithinAreRejectedWithInvalidDataAccessApiUsageException() {
        assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
                .isThrownBy(() -> evaluate("findByLocationNear", new Point(1, 1), new Distance(1)));
        assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
                .isThrownBy(() -> evaluate("findByLocationWithin", new Point(1, 1), new Distance(1)));
    }

    // ------------------------------------------------------------------ harness

    interface Evaluation {
        boolean against(Object candidate);
    }

    static Evaluation evaluate(String methodName, Object... args) {
        KeyValueQuery<LsmCriteria> query = createQuery(methodName, args);
        LsmCriteria criteria = query.getCriteria();
        return candidate -> criteria == null || criteria.matches(candidate);
    }

    static KeyValueQuery<LsmCriteria> createQuery(String methodName, Object... args) {
        Method method = method(methodName, args);
        RepositoryMetadata metadata = AbstractRepositoryMetadata.getMetadata(PersonRepository.class);
        QueryMethod queryMethod = new QueryMethod(method, metadata, new SpelAwareProxyProjectionFactory());
        PartTree tree = new PartTree(method.getName(), Person.class);
        return new LsmQueryCreator(tree, new ParametersParameterAccessor(queryMethod.getParameters(), args)).createQuery();
    }

    private static Method method(String name, Object[] args) {
        for (Method m : PersonRepository.class.getDeclaredMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != args.length) {
                continue;
            }
            boolean assignable = true;
            for (int i = 0; i < args.length; i++) {
                if (args[i] != null && !m.getParameterTypes()[i].isInstance(args[i])) {
                    assignable = false;
                }
            }
            if (assignable) {
                return m;
            }
        }
        throw new IllegalArgumentException("no method " + name + Arrays.toString(args));
    }

    private static List<String> list(String... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    interface PersonRepository extends CrudRepository<Person, String> {

        Person findBy();

        Person findByFirstname(String firstname);

        Person findByFirstnameNot(String firstname);

        Person findBySkinChangerIsTrue();

        Person findBySkinChangerIsFalse();

        Person findByLastnameIsNull();

        Person findByLastnameIsNotNull();

        Person findByFirstnameStartingWith(String firstname);

        Person findByFirstnameStartingWithIgnoreCase(String firstname);

        Person findByFirstnameEndingWithIgnoreCase(String firstname);

        Person findByFirstnameLikeIgnoreCase(String firstname);

        Person findByFirstnameIgnoreCase(String firstname);

        Person findByBirthdayAfter(Date date);

        Person findByAgeGreaterThan(Integer age);

        Person findByAgeGreaterThanEqual(Integer age);

        Person findByBirthdayBefore(Date date);

        Person findByAgeLessThan(Integer age);

        Person findByAgeLessThanEqual(Integer age);

        Person findByAgeBetween(Integer low, Integer high);

        Person findByFirstnameLike(String firstname);

        Person findByFirstnameNotLike(String firstname);

        Person findByFirstnameEndingWith(String firstname);

        Person findByFirstnameContaining(String part);

        Person findByFirstnameNotContaining(String part);

        Person findByTagsContaining(String tag);

        Person findByTagsIsEmpty();

        Person findByTagsIsNotEmpty();

        Person findByAgeGreaterThanAndLastname(Integer age, String lastname);

        Person findByAgeGreaterThanOrLastname(Integer age, String lastname);

        Person findByLastnameMatches(String lastname);

        Person findByFirstnameIn(List<String> in);

        Person findByFirstnameNotIn(List<String> in);

        Person findByLocationNear(Point point, Distance distance);

        Person findByLocationWithin(Point point, Distance distance);
    }

    /** The query creator tests' Person. */
    public static class Person {

        @Id
        private String id;
        private String firstname;
        private String lastname;
        private int age;
        private boolean isSkinChanger = false;
        private Date birthday;
        private List<String> tags = List.of();
        private Point location;

        public Person() {
        }

        Person(String firstname, int age) {
            this.firstname = firstname;
            this.age = age;
        }

        Person skinChanger(boolean isSkinChanger) {
            this.isSkinChanger = isSkinChanger;
            return this;
        }

        Person named(String lastname) {
            this.lastname = lastname;
            return this;
        }

        Person bornAt(Date date) {
            this.birthday = date;
            return this;
        }

        public String getId() {
            return id;
        }

        public String getFirstname() {
            return firstname;
        }

        public String getLastname() {
            return lastname;
        }

        public int getAge() {
            return age;
        }

        public boolean isSkinChanger() {
            return isSkinChanger;
        }

        public Date getBirthday() {
            return birthday;
        }

        public List<String> getTags() {
            return tags;
        }

        public Point getLocation() {
            return location;
        }
    }
}
