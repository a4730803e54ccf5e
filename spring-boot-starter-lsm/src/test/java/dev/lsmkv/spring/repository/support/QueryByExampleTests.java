package dev.lsmkv.spring.repository.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.domain.ExampleMatcher.GenericPropertyMatchers.contains;
import static org.springframework.data.domain.ExampleMatcher.GenericPropertyMatchers.endsWith;
import static org.springframework.data.domain.ExampleMatcher.GenericPropertyMatchers.exact;
import static org.springframework.data.domain.ExampleMatcher.GenericPropertyMatchers.regex;
import static org.springframework.data.domain.ExampleMatcher.GenericPropertyMatchers.startsWith;

import dev.lsmkv.spring.qbe.CountingCodec;
import dev.lsmkv.spring.qbe.QbeStore;
import dev.lsmkv.spring.qbe.ReferenceExample;
import dev.lsmkv.spring.qbe.domain.Address;
import dev.lsmkv.spring.qbe.domain.Boat;
import dev.lsmkv.spring.qbe.domain.Customer;
import dev.lsmkv.spring.qbe.domain.Status;
import dev.lsmkv.spring.qbe.domain.Truck;
import dev.lsmkv.spring.qbe.domain.Vehicle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.ExampleMatcher.GenericPropertyMatcher;
import org.springframework.data.domain.ExampleMatcher.StringMatcher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueOperations;

/**
 * Query by Example semantics on the real engine: every result is compared with the same example
 * evaluated over the in-memory list, by hand-written predicates and by {@link ReferenceExample}.
 */
class QueryByExampleTests {

    static final List<Customer> DATA = QbeStore.customers(600, 42);
    static final Sort AGE_DESC_ID = Sort.by(Sort.Order.desc("age"), Sort.Order.asc("id"));

    @TempDir
    Path dir;

    private void withCustomers(Consumer<LsmQueryByExampleExecutor<Customer>> test) {
        QbeStore.runner(dir, new CountingCodec()).run(ctx -> {
            KeyValueOperations ops = QbeStore.operations(ctx);
            QbeStore.saveAll(ops, DATA, Customer.class);
            test.accept(QbeStore.executor(ops, Customer.class));
        });
    }

    static List<Customer> where(Predicate<Customer> p) {
        return DATA.stream().filter(p).toList();
    }

    /** Checks every read of {@code example} against {@code expected} (in id order) and the reference evaluator. */
    static void check(LsmQueryByExampleExecutor<Customer> qbe, Example<Customer> example, List<Customer> expected) {
        String what = example.getProbe() + " " + example.getMatcher();
        assertThat(where(c -> ReferenceExample.matches(c, example))).as("reference: " + what).isEqualTo(expected);
        assertThat(qbe.findAll(example, Sort.by("id"))).as(what).isEqualTo(expected);
        assertThat(QbeStore.byId(qbe.findAll(example))).as(what).isEqualTo(expected);
        assertThat(qbe.count(example)).as(what).isEqualTo(expected.size());
        assertThat(qbe.exists(example)).as(what).isEqualTo(!expected.isEmpty());
        List<Customer> sorted = expected.stream()
                .sorted(Comparator.comparing(Customer::getAge).reversed().thenComparing(Customer::getId)).toList();
        Page<Customer> page = qbe.findAll(example, PageRequest.of(1, 7, AGE_DESC_ID));
        assertThat(page.getContent()).as(what)
                .isEqualTo(sorted.subList(Math.min(7, sorted.size()), Math.min(14, sorted.size())));
        assertThat(page.getTotalElements()).as(what).isEqualTo(expected.size());
    }

    static void check(LsmQueryByExampleExecutor<Customer> qbe, Example<Customer> example) {
        check(qbe, example, where(c -> ReferenceExample.matches(c, example)));
    }

    static ExampleMatcher noAge() {
        return ExampleMatcher.matching().withIgnorePaths("age");
    }

    static ExampleMatcher anyNoAge() {
        return ExampleMatcher.matchingAny().withIgnorePaths("age");
    }

    // ------------------------------------------------------------------ values and strings

    @Test
    void exactMatchOfSeveralPropertiesIsAnAnd() {
        withCustomers(qbe -> {
            Customer probe = Customer.probe().setLastname("Smith").setStatus(Status.ACTIVE);
            List<Customer> expected = where(c -> "Smith".equals(c.getLastname()) && c.getStatus() == Status.ACTIVE);
            assertThat(expected).isNotEmpty();
            check(qbe, Example.of(probe, noAge()), expected);
        });
    }

    @Test
    void aPrimitivePropertyIsAlwaysMatchedUnlessIgnored() {
        withCustomers(qbe -> {
            // age is an int: a probe's 0 is a value, as in every Spring Data store
            Customer probe = Customer.probe().setLastname("Smith");
            check(qbe, Example.of(probe), List.of());
            int age = DATA.stream().filter(c -> "Smith".equals(c.getLastname())).findFirst().orElseThrow().getAge();
            probe.setAge(age);
            List<Customer> expected = where(c -> "Smith".equals(c.getLastname()) && c.getAge() == age);
            assertThat(expected).isNotEmpty();
            check(qbe, Example.of(probe), expected);
            check(qbe, Example.of(probe, noAge()), where(c -> "Smith".equals(c.getLastname())));
        });
    }

    @Test
    void anEmptyProbeMatchesEverything() {
        withCustomers(qbe -> {
            check(qbe, Example.of(Customer.probe(), noAge()), DATA);
            check(qbe, Example.of(Customer.probe(), anyNoAge()), DATA);
        });
    }

    @Test
    void anyMatchingIsAnOrOfTheProperties() {
        withCustomers(qbe -> {
            Customer probe = Customer.probe().setLastname("Jones").setFirstname("Eve").setRank(5);
            List<Customer> expected = where(c -> "Jones".equals(c.getLastname()) || "Eve".equals(c.getFirstname())
                    || Integer.valueOf(5).equals(c.getRank()));
            check(qbe, Example.of(probe, anyNoAge()), expected);
        });
    }

    @Test
    void stringMatchersAndIgnoreCase() {
        withCustomers(qbe -> {
            Customer probe = Customer.probe().setLastname("smi");
            check(qbe, Example.of(probe, noAge().withStringMatcher(StringMatcher.STARTING)),
                    where(c -> c.getLastname() != null && c.getLastname().startsWith("smi")));
            check(qbe, Example.of(probe, noAge().withStringMatcher(StringMatcher.STARTING).withIgnoreCase()),
                    where(c -> c.getLastname() != null && c.getLastname().toLowerCase(Locale.ROOT).startsWith("smi")));
            check(qbe, Example.of(probe, noAge().withStringMatcher(StringMatcher.CONTAINING).withIgnoreCase()),
                    where(c -> c.getLastname() != null && c.getLastname().toLowerCase(Locale.ROOT).contains("smi")));
            Customer ending = Customer.probe().setLastname("er");
            check(qbe, Example.of(ending, noAge().withStringMatcher(StringMatcher.ENDING)),
                    where(c -> c.getLastname() != null && c.getLastname().endsWith("er")));
            Customer exact = Customer.probe().setLastname("SMITH");
            check(qbe, Example.of(exact, noAge().withIgnoreCase()), where(c -> "smith".equalsIgnoreCase(c.getLastname())));
            check(qbe, Example.of(exact, noAge().withStringMatcher(StringMatcher.EXACT)),
                    where(c -> "SMITH".equals(c.getLastname())));
        });
    }

    @Test
    void perPropertyMatchersOverrideTheDefault() {
        withCustomers(qbe -> {
            Customer probe = Customer.probe().setLastname("SMITH").setFirstname("an");
            ExampleMatcher m = noAge().withStringMatcher(StringMatcher.ENDING)
                    .withMatcher("lastname", exact().ignoreCase())
                    .withMatcher("firstname", startsWith().ignoreCase());
            List<Customer> expected = where(c -> "smith".equalsIgnoreCase(c.getLastname()) && c.getFirstname() != null
                    && c.getFirstname().toLowerCase(Locale.ROOT).startsWith("an"));
            assertThat(expected).isNotEmpty();
            check(qbe, Example.of(probe, m), expected);
            // global ignore-case, switched off for one path
            ExampleMatcher m2 = noAge().withIgnoreCase().withMatcher("lastname", GenericPropertyMatcher::caseSensitive);
            check(qbe, Example.of(Customer.probe().setLastname("smith").setFirstname("ANN"), m2),
                    where(c -> "smith".equals(c.getLastname()) && "ann".equalsIgnoreCase(c.getFirstname())));
            check(qbe, Example.of(Customer.probe().setFirstname("av"), noAge().withMatcher("firstname", contains())),
                    where(c -> c.getFirstname() != null && c.getFirstname().contains("av")));
            check(qbe, Example.of(Customer.probe().setFirstname("e"), noAge().withMatcher("firstname", endsWith())),
                    where(c -> c.getFirstname() != null && c.getFirstname().endsWith("e")));
        });
    }

    @Test
    void regexIsFoundAnywhereUnlessAnchored() {
        withCustomers(qbe -> {
            check(qbe, Example.of(Customer.probe().setLastname("mit"), noAge().withMatcher("lastname", regex())),
                    where(c -> c.getLastname() != null && c.getLastname().contains("mit")));
            check(qbe, Example.of(Customer.probe().setLastname("^M.*r$"), noAge().withMatcher("lastname", regex())),
                    where(c -> c.getLastname() != null && c.getLastname().matches("M.*r")));
            check(qbe, Example.of(Customer.probe().setLastname("^smith$"), noAge().withMatcher("lastname", regex().ignoreCase())),
                    where(c -> "smith".equalsIgnoreCase(c.getLastname())));
            assertThatThrownBy(() -> qbe.findAll(Example.of(Customer.probe().setLastname("(unclosed"),
                    noAge().withMatcher("lastname", regex())))).isInstanceOf(InvalidDataAccessApiUsageException.class)
                    .hasMessageContaining("lastname");
        });
    }

    @Test
    void ignoredPathsAndTransformers() {
        withCustomers(qbe -> {
            Customer probe = Customer.probe().setLastname("Smith").setFirstname("Bob");
            check(qbe, Example.of(probe, noAge().withIgnorePaths("firstname")), where(c -> "Smith".equals(c.getLastname())));
            // a transformer changes the probe's value...
            ExampleMatcher trim = noAge().withTransformer("lastname", v -> v.map(o -> ((String) o).trim()));
            check(qbe, Example.of(Customer.probe().setLastname("  Jones "), trim), where(c -> "Jones".equals(c.getLastname())));
            // ...or drops it (empty: a null value, skipped)
            ExampleMatcher drop = noAge().withTransformer("firstname", v -> Optional.empty());
            check(qbe, Example.of(probe, drop), where(c -> "Smith".equals(c.getLastname())));
            // ...or gives a value to a null one
            ExampleMatcher fill = noAge().withTransformer("status", v -> Optional.of(Status.CLOSED));
            check(qbe, Example.of(Customer.probe(), fill), where(c -> c.getStatus() == Status.CLOSED));
        });
    }

    @Test
    void includedNullsMustBeNull() {
        withCustomers(qbe -> {
            ExampleMatcher m = ExampleMatcher.matching().withIncludeNullValues()
                    .withIgnorePaths("id", "age", "lastname", "rank", "status", "address", "tags", "attributes", "aliases");
            check(qbe, Example.of(Customer.probe(), m), where(c -> c.getFirstname() == null));
            ExampleMatcher nested = ExampleMatcher.matching().withIncludeNullValues()
                    .withIgnorePaths("id", "age", "firstname", "lastname", "rank", "status", "tags", "attributes", "aliases",
                            "address.street", "address.zip");
            // address set, city null: the city must be null (or the address missing)
            check(qbe, Example.of(Customer.probe().setAddress(new Address()), nested),
                    where(c -> c.getAddress() == null || c.getAddress().getCity() == null));
            // address null: the address itself must be null
            check(qbe, Example.of(Customer.probe(), nested), where(c -> c.getAddress() == null));
            ExampleMatcher any = ExampleMatcher.matchingAny().withIncludeNullValues()
                    .withIgnorePaths("id", "age", "lastname", "status", "address", "tags", "attributes", "aliases");
            check(qbe, Example.of(Customer.probe(), any), where(c -> c.getFirstname() == null || c.getRank() == null));
        });
    }

    @Test
    void theIdIsMatchedWhenSet() {
        withCustomers(qbe -> {
            check(qbe, Example.of(Customer.probe().setId(17L), noAge()), where(c -> c.getId() == 17L));
            Customer c17 = DATA.get(16);
            check(qbe, Example.of(Customer.probe().setId(17L).setLastname(c17.getLastname() + "x"), noAge()), List.of());
        });
    }

    // ------------------------------------------------------------------ nested, collections, maps, arrays

    @Test
    void nestedPropertiesAreMatchedByPath() {
        withCustomers(qbe -> {
            Customer probe = Customer.probe().setAddress(new Address("Oslo", null, null));
            check(qbe, Example.of(probe, noAge()), where(c -> c.getAddress() != null && "Oslo".equals(c.getAddress().getCity())));
            Customer two = Customer.probe().setAddress(new Address("Rome", "Main St", null)).setStatus(Status.ACTIVE);
            check(qbe, Example.of(two, noAge()), where(c -> c.getAddress() != null && "Rome".equals(c.getAddress().getCity())
                    && "Main St".equals(c.getAddress().getStreet()) && c.getStatus() == Status.ACTIVE));
            check(qbe, Example.of(two, noAge().withIgnorePaths("address.city")), where(c -> c.getAddress() != null
                    && "Main St".equals(c.getAddress().getStreet()) && c.getStatus() == Status.ACTIVE));
            check(qbe, Example.of(two, noAge().withIgnorePaths("address")), where(c -> c.getStatus() == Status.ACTIVE));
            check(qbe, Example.of(Customer.probe().setAddress(new Address("lima", "station", null)),
                    noAge().withMatcher("address.city", exact().ignoreCase()).withMatcher("address.street", startsWith().ignoreCase())),
                    where(c -> c.getAddress() != null && "Lima".equals(c.getAddress().getCity())
                            && c.getAddress().getStreet().startsWith("Station")));
            // ANY: each nested leaf is an alternative
            check(qbe, Example.of(Customer.probe().setAddress(new Address("Kyiv", null, "00007")), anyNoAge()),
                    where(c -> c.getAddress() != null
                            && ("Kyiv".equals(c.getAddress().getCity()) || "00007".equals(c.getAddress().getZip()))));
        });
    }

    @Test
    void aCollectionMustContainEveryElementAndAnEmptyOneIsIgnored() {
        withCustomers(qbe -> {
            check(qbe, Example.of(Customer.probe().setTags(List.of("a", "vip")), noAge()),
                    where(c -> c.getTags().contains("a") && c.getTags().contains("vip")));
            check(qbe, Example.of(Customer.probe().setTags(new ArrayList<>()).setLastname("Lee"), noAge()),
                    where(c -> "Lee".equals(c.getLastname())));
            check(qbe, Example.of(Customer.probe().setTags(List.of("Vip")), noAge().withIgnoreCase("tags")),
                    where(c -> c.getTags().contains("vip") || c.getTags().contains("VIP")));
            // ANY: the elements of one collection stay one (AND-ed) alternative
            check(qbe, Example.of(Customer.probe().setTags(List.of("a", "b")).setLastname("Lee"), anyNoAge()),
                    where(c -> "Lee".equals(c.getLastname()) || c.getTags().containsAll(List.of("a", "b"))));
        });
    }

    @Test
    void aMapMustHoldEveryEntryOfTheProbe() {
        withCustomers(qbe -> {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("tier", "gold");
            attrs.put("lang", "fr");
            check(qbe, Example.of(Customer.probe().setAttributes(attrs), noAge()),
                    where(c -> "gold".equals(c.getAttributes().get("tier")) && "fr".equals(c.getAttributes().get("lang"))));
            check(qbe, Example.of(Customer.probe().setAttributes(Map.of("tier", "GOLD")), noAge().withIgnorePaths("attributes.tier")),
                    DATA);
            check(qbe, Example.of(Customer.probe().setAttributes(Map.of("tier", "GOL")),
                    noAge().withMatcher("attributes.tier", startsWith().ignoreCase())),
                    where(c -> "gold".equals(c.getAttributes().get("tier"))));
            Map<String, String> bad = Map.of("a.b", "x");
            assertThatThrownBy(() -> qbe.findAll(Example.of(Customer.probe().setAttributes(bad), noAge())))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("attributes");
        });
    }

    @Test
    void arraysCannotBeMatched() {
        withCustomers(qbe -> {
            assertThatThrownBy(() -> qbe.count(Example.of(Customer.probe().setAliases(new String[] {"x"}), noAge())))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("aliases");
            check(qbe, Example.of(Customer.probe().setAliases(new String[0]).setLastname("Lee"), noAge()),
                    where(c -> "Lee".equals(c.getLastname())));
            check(qbe, Example.of(Customer.probe().setAliases(new String[] {"x"}).setLastname("Lee"),
                    noAge().withIgnorePaths("aliases")), where(c -> "Lee".equals(c.getLastname())));
        });
    }

    @Test
    void transientPropertiesAreNotMatched() {
        withCustomers(qbe -> check(qbe, Example.of(Customer.probe().setNote("anything").setLastname("Lee"), noAge()),
                where(c -> "Lee".equals(c.getLastname()))));
    }

    // ------------------------------------------------------------------ findOne

    @Test
    void findOneFindsAtMostOne() {
        withCustomers(qbe -> {
            assertThat(qbe.findOne(Example.of(Customer.probe().setId(3L), noAge()))).contains(DATA.get(2));
            assertThat(qbe.findOne(Example.of(Customer.probe().setLastname("Nobody"), noAge()))).isEmpty();
            assertThatThrownBy(() -> qbe.findOne(Example.of(Customer.probe().setLastname("Smith"), noAge())))
                    .isInstanceOf(IncorrectResultSizeDataAccessException.class);
        });
    }

    // ------------------------------------------------------------------ randomized, against the reference

    @Test
    void randomExamplesAgreeWithTheReference() {
        withCustomers(qbe -> {
            Random r = new Random(7);
            int selective = 0;
            for (int i = 0; i < 150; i++) {
                Example<Customer> example = randomExampleFrom(DATA, r);
                List<Customer> expected = where(c -> ReferenceExample.matches(c, example));
                check(qbe, example, expected);
                if (!expected.isEmpty() && expected.size() < DATA.size()) {
                    selective++;
                }
            }
            // most examples select some but not all: the comparison means something
            assertThat(selective).isGreaterThan(75);
        });
    }

    /** A random example made from one of {@code data}'s entities, with random matcher settings. */
    static Example<Customer> randomExampleFrom(List<Customer> data, Random r) {
        Customer src = data.get(r.nextInt(data.size()));
        Customer p = Customer.probe();
        List<String> unset = new ArrayList<>(List.of("id", "lastname", "firstname", "rank", "status", "address", "tags",
                "attributes", "aliases"));
        if (r.nextInt(3) == 0) {
            p.setLastname(vary(r, src.getLastname()));
            unset.remove("lastname");
        }
        if (r.nextInt(4) == 0) {
            p.setFirstname(vary(r, src.getFirstname()));
            unset.remove("firstname");
        }
        if (r.nextInt(5) == 0) {
            p.setStatus(src.getStatus());
            unset.remove("status");
        }
        if (r.nextInt(6) == 0) {
            p.setRank(src.getRank());
            unset.remove("rank");
        }
        if (r.nextInt(5) == 0 && src.getAddress() != null) {
            Address a = src.getAddress();
            p.setAddress(new Address(r.nextBoolean() ? vary(r, a.getCity()) : null, r.nextInt(3) == 0 ? a.getStreet() : null,
                    r.nextInt(4) == 0 ? a.getZip() : null));
            unset.remove("address");
        }
        if (r.nextInt(6) == 0) {
            List<String> tags = new ArrayList<>();
            for (String t : src.getTags()) {
                if (r.nextBoolean()) {
                    tags.add(r.nextInt(4) == 0 ? t.toUpperCase(Locale.ROOT) : t);
                }
            }
            p.setTags(tags);
            unset.remove("tags");
        }
        if (r.nextInt(6) == 0) {
            Map<String, String> attrs = new LinkedHashMap<>();
            src.getAttributes().forEach((k, v) -> {
                if (r.nextBoolean()) {
                    attrs.put(k, v);
                }
            });
            p.setAttributes(attrs);
            unset.remove("attributes");
        }
        if (r.nextInt(12) == 0) {
            p.setId(src.getId());
            unset.remove("id");
        }
        boolean keepAge = r.nextInt(5) == 0;
        if (keepAge && r.nextBoolean()) {
            p.setAge(src.getAge());
        }
        ExampleMatcher m = r.nextBoolean() ? ExampleMatcher.matching() : ExampleMatcher.matchingAny();
        StringMatcher[] sms = StringMatcher.values();
        if (r.nextBoolean()) {
            m = m.withStringMatcher(sms[r.nextInt(sms.length)]);
        }
        if (r.nextInt(3) == 0) {
            m = m.withIgnoreCase();
        }
        for (String path : new String[] {"lastname", "firstname", "address.city", "tags"}) {
            if (r.nextInt(4) == 0) {
                m = m.withMatcher(path, GenericPropertyMatcher.of(sms[r.nextInt(sms.length)], r.nextBoolean()));
            }
        }
        if (!keepAge) {
            m = m.withIgnorePaths("age");
        }
        if (r.nextInt(5) == 0) {
            // keep one or two unset paths as "must be null", ignore the rest
            m = m.withIncludeNullValues();
            Collections.shuffle(unset, r);
            int keep = 1 + r.nextInt(2);
            m = m.withIgnorePaths(unset.subList(Math.min(keep, unset.size()), unset.size()).toArray(String[]::new));
        }
        return Example.of(p, m);
    }

    /** {@code s} as is, re-cased, or a piece of it. */
    static String vary(Random r, String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return switch (r.nextInt(6)) {
            case 0 -> s.toLowerCase(Locale.ROOT);
            case 1 -> s.toUpperCase(Locale.ROOT);
            case 2 -> s.substring(0, 1 + r.nextInt(s.length()));
            case 3 -> s.substring(r.nextInt(s.length()));
            default -> s;
        };
    }

    // ------------------------------------------------------------------ probe types

    @Test
    void aSubtypeProbeFindsOnlyThatSubtype() {
        QbeStore.runner(dir, new CountingCodec()).run(ctx -> {
            KeyValueOperations ops = QbeStore.operations(ctx);
            // the repository's executor first: it maps Vehicle, the keyspace's type, as a repository would
            LsmQueryByExampleExecutor<Vehicle> qbe = QbeStore.executor(ops, Vehicle.class);
            List<Vehicle> vehicles = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String make = i % 3 == 0 ? "Volvo" : i % 3 == 1 ? "Scania" : "MAN";
                String color = i % 2 == 0 ? "red" : "blue";
                vehicles.add(i % 4 == 0 ? new Truck("v" + i, make, color, 2 + i % 3) : new Vehicle("v" + i, make, color));
            }
            vehicles.forEach(ops::insert);
            List<Boat> boats = List.of(new Boat("b1", "Volvo", "red", "steel"), new Boat("b2", "Volvo", "blue", "wood"));
            boats.forEach(ops::insert);

            // a probe of the domain type: vehicles and trucks of its keyspace
            List<Vehicle> volvos = vehicles.stream().filter(v -> v.getMake().equals("Volvo")).toList();
            assertThat(qbe.findAll(Example.of(new Vehicle(null, "Volvo", null)))).containsExactlyInAnyOrderElementsOf(volvos);
            assertThat(volvos).hasAtLeastOneElementOfType(Truck.class);

            // a probe of a subtype in the same keyspace: only trucks
            List<Truck> volvoTrucks = volvos.stream().filter(Truck.class::isInstance).map(Truck.class::cast).toList();
            Example<Truck> truckProbe = Example.of(new Truck(null, "Volvo", null, null));
            assertThat(qbe.findAll(truckProbe)).containsExactlyInAnyOrderElementsOf(volvoTrucks);
            assertThat(qbe.count(truckProbe)).isEqualTo(volvoTrucks.size());
            assertThat(qbe.findAll(truckProbe, PageRequest.of(0, 1, Sort.by("id"))).getTotalElements())
                    .isEqualTo(volvoTrucks.size());
            assertThat(qbe.findAll(Example.of(new Truck())))
                    .hasSize((int) vehicles.stream().filter(Truck.class::isInstance).count());
            assertThat(qbe.findAll(Example.of(new Truck(null, null, null, 3)))).containsExactlyInAnyOrderElementsOf(
                    vehicles.stream().filter(v -> v instanceof Truck t && t.getAxles() == 3).map(Truck.class::cast).toList());

            // a probe of a subtype with a keyspace of its own: that keyspace
            assertThat(qbe.findAll(Example.of(new Boat(null, "Volvo", null, null)))).containsExactlyInAnyOrderElementsOf(boats);
            assertThat(qbe.findAll(Example.of(new Boat(null, null, "red", null)))).containsExactly(boats.get(0));
            assertThat(qbe.exists(Example.of(new Boat(null, "MAN", null, null)))).isFalse();
        });
    }

    @Test
    void aProbeOfAnotherTypeFails() {
        withCustomers(qbe -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Example<Customer> wrong = (Example) Example.of(new Vehicle("x", "y", "z"));
            assertThatThrownBy(() -> qbe.findAll(wrong)).isInstanceOf(InvalidDataAccessApiUsageException.class);
        });
    }
}
