package dev.lsmkv.spring.qbe;

import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmRepositoriesAutoConfiguration;
import dev.lsmkv.spring.core.EntityCodec;
import dev.lsmkv.spring.core.LsmKeyValueTemplate;
import dev.lsmkv.spring.qbe.domain.Address;
import dev.lsmkv.spring.qbe.domain.Customer;
import dev.lsmkv.spring.qbe.domain.Status;
import dev.lsmkv.spring.repository.support.LsmQueryByExampleExecutor;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.support.PersistentEntityInformation;

/**
 * A Boot context over the real engine in a directory, with the test data and a Query by Example
 * executor built from the context's template (the way the repository base class builds it).
 */
public final class QbeStore {

    public static final String[] LASTNAMES = {"Smith", "smith", "SMITH", "Smithers", "McSmith", "Jones", "Brown",
        "O'Brien", "Miller", "Muller", "Davis", "Garcia", "Wilson", "Moore", "Taylor", "Anderson", "Thomas", "Lee",
        "Martin", "Clark"};
    public static final String[] FIRSTNAMES = {"Ann", "ann", "Bob", "Carla", "Dave", "Eve", "Frank", "Grace", "Heidi",
        "Ivan", "Judy", "Mallory", "Oscar", "Peggy", "Trent", "Victor", "Walter"};
    public static final String[] CITIES = {"Oslo", "Rome", "Lima", "Kyiv", "Quito"};
    public static final String[] STREETS = {"Main St", "High St", "Station Rd", "Mill Lane"};
    public static final String[] TAGS = {"a", "b", "c", "vip", "VIP"};

    private QbeStore() {
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Customer.class)
    static class Config {
    }

    /** A runner whose contexts open {@code dir}, decoding with {@code codec}. */
    public static ApplicationContextRunner runner(Path dir, EntityCodec codec) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class, LsmRepositoriesAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .withBean(EntityCodec.class, () -> codec)
                .withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=none");
    }

    /** The context's template. */
    public static KeyValueOperations operations(ApplicationContext ctx) {
        return ctx.getBean(LsmKeyValueTemplate.class);
    }

    /** An executor of {@code type}'s examples over {@code operations}. */
    @SuppressWarnings("unchecked")
    public static <T> LsmQueryByExampleExecutor<T> executor(KeyValueOperations operations, Class<T> type) {
        PersistentEntity<T, ?> entity = (PersistentEntity<T, ?>) operations.getMappingContext().getRequiredPersistentEntity(type);
        EntityInformation<T, ?> info = new PersistentEntityInformation<>(entity);
        return new LsmQueryByExampleExecutor<>(info, operations);
    }

    /** Saves {@code entities} in batches. */
    public static <T> void saveAll(KeyValueOperations operations, List<T> entities, Class<T> type) {
        ((LsmKeyValueTemplate) operations).insertOrUpdateAll(entities, Collections.nCopies(entities.size(), Boolean.TRUE), type);
    }

    /** {@code n} customers, reproducible from {@code seed}, with ids 1..n. */
    public static List<Customer> customers(int n, long seed) {
        Random r = new Random(seed);
        List<Customer> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Customer c = new Customer((long) i, r.nextInt(10) == 0 ? null : pick(r, FIRSTNAMES),
                    r.nextInt(25) == 0 ? null : pick(r, LASTNAMES), 18 + r.nextInt(50));
            c.setRank(r.nextInt(3) == 0 ? null : 1 + r.nextInt(5));
            c.setStatus(r.nextInt(20) == 0 ? null : Status.values()[r.nextInt(Status.values().length)]);
            if (r.nextInt(8) != 0) {
                c.setAddress(new Address(r.nextInt(15) == 0 ? null : pick(r, CITIES), pick(r, STREETS),
                        String.format("%05d", r.nextInt(100))));
            }
            List<String> tags = new ArrayList<>();
            for (String t : TAGS) {
                if (r.nextInt(3) == 0) {
                    tags.add(t);
                }
            }
            c.setTags(tags);
            if (r.nextBoolean()) {
                c.getAttributes().put("tier", r.nextBoolean() ? "gold" : "silver");
            }
            if (r.nextInt(3) == 0) {
                c.getAttributes().put("lang", r.nextBoolean() ? "en" : "fr");
            }
            out.add(c);
        }
        return out;
    }

    public static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    public static List<Customer> byId(List<Customer> list) {
        return list.stream().sorted(Comparator.comparing(Customer::getId)).toList();
    }

    /**
     * {@code operations} behind a proxy that counts the calls of each method name (e.g. whether a
     * page asked for a count).
     */
    public static KeyValueOperations counting(KeyValueOperations operations, Map<String, AtomicInteger> calls) {
        return (KeyValueOperations) Proxy.newProxyInstance(QbeStore.class.getClassLoader(),
                new Class<?>[] {KeyValueOperations.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(operations, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public static Map<String, AtomicInteger> calls() {
        return new ConcurrentHashMap<>();
    }
}
