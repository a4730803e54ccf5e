package dev.lsmkv.bench.spring.customer;

import dev.lsmkv.bench.spring.customer.jdbc.JdbcCustomer;
import dev.lsmkv.bench.spring.customer.jdbc.JdbcCustomerRepository;
import dev.lsmkv.bench.spring.customer.kv.Customer;
import dev.lsmkv.bench.spring.customer.kv.KvCustomerRepository;
import dev.lsmkv.bench.spring.customer.lsm.LsmCustomerRepository;
import dev.lsmkv.bench.spring.customer.map.MapCustomerRepository;
import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.repository.config.EnableLsmRepositories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.map.repository.config.EnableMapRepositories;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The stores of the Customer benchmark, each a fresh Spring application context (no web, only the
 * auto-configurations that store needs, its repositories enabled explicitly on a package of their
 * own), driven only through the public repository API ({@code ListCrudRepository},
 * {@code ListPagingAndSortingRepository} and the derived {@code findByEmail}).
 */
final class CustomerStores {

    /** Store names, in the order the report shows them. */
    static final List<String> ALL = List.of("map", "jdbc", "lsm-always", "lsm-none");

    /** findById's answer when the entity is absent. */
    static final int ABSENT = -1;
    /** findById's or findByEmail's answer when an entity came back with other fields than saved. */
    static final int WRONG = -2;

    private CustomerStores() {
    }

    static String describe(String store) {
        return switch (store) {
            case "map" -> "Spring Data KeyValue map store (`@EnableMapRepositories`, ConcurrentHashMap, in memory, no "
                    + "serialisation); its derived query, count and sorted paging run over all entities";
            case "jdbc" -> "Spring Data JDBC on an H2 file database (Hikari, one transaction per repository call), "
                    + "table CUSTOMER with a primary key on ID and an index on EMAIL, URL setting `WRITE_DELAY=0` "
                    + "(each commit written to the file before it returns, not fsync'd)";
            case "lsm-always" -> "spring-boot-starter-lsm, `lsm.sync-mode=always` (a write returns after its WAL record "
                    + "is fsync'd; concurrent writers share an fsync), email `@Indexed`";
            case "lsm-none" -> "spring-boot-starter-lsm, `lsm.sync-mode=none` (WAL written to the OS, fsync on flush "
                    + "and close), email `@Indexed`";
            default -> throw new IllegalArgumentException("unknown store " + store + "; stores: " + ALL);
        };
    }

    /** What a page returned: the ids in page order and the page's total. */
    record PageView(List<String> ids, long totalElements) {
    }

    /** One store's repository behind the operations of the benchmark, by customer index. */
    interface Driver extends AutoCloseable {
        /** {@code repository.save} of customer {@code i} with this age; {@code isNew}: not stored yet. */
        void save(int i, int age, boolean isNew);

        /** {@code repository.saveAll} of the new customers {@code idx[from..to)}; the size of the list it returned. */
        int saveAll(int[] idx, int from, int to);

        /** {@code repository.findById}: the age, {@link #ABSENT}, or {@link #WRONG} if any other field differs. */
        int findAge(int i);

        /** {@code repository.findByEmail}: the number of results, or {@link #WRONG} if one is another customer. */
        int findByEmail(int i);

        /** {@code repository.findAll(PageRequest.of(page, size, Sort.by("id")))}. */
        PageView page(int page, int size);

        long count();

        void deleteById(int i);

        @Override
        void close();
    }

    static Driver open(String store, Path dir, CustomerData data) {
        return open(store, dir, data, false);
    }

    /**
     * The store {@code store} in {@code dir}; {@code warmUp} for a warm-up pass's scratch store.
     * The lsm stores then get a 256 KiB memtable (64 MiB otherwise) so that the warm-up's 10,000
     * customers are flushed and compacted into tables and read back from them: without it the
     * flush, compaction and table-read code was first compiled during the measured pass (the
     * JIT's time in it went from 6.2 and 5.2 s to 3.8 and 4.2 s in alternating lsm-none runs). The
     * map and JDBC stores are the same.
     */
    static Driver open(String store, Path dir, CustomerData data, boolean warmUp) {
        return switch (store) {
            case "map" -> map(data);
            case "jdbc" -> jdbc(dir, data);
            case "lsm-always" -> lsm(dir, "always", data, warmUp);
            case "lsm-none" -> lsm(dir, "none", data, warmUp);
            default -> throw new IllegalArgumentException("unknown store " + store + "; stores: " + ALL);
        };
    }

    private static SpringApplicationBuilder builder(Class<?> config) {
        return new SpringApplicationBuilder(config)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false);
    }

    private static Map<String, Object> quiet() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("logging.level.root", "WARN");
        return p;
    }

    // ---------------------------------------------------------------- KeyValue stores (lsm, map)

    /** lsm: the starter's auto-configuration and {@code @EnableLsmRepositories}, nothing else. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(LsmAutoConfiguration.class)
    @EnableLsmRepositories(basePackageClasses = LsmCustomerRepository.class)
    static class LsmConfig {
    }

    private static Driver lsm(Path dir, String syncMode, CustomerData data, boolean warmUp) {
        Map<String, Object> p = quiet();
        p.put("lsm.data-dir", dir.toString());
        p.put("lsm.sync-mode", syncMode);
        if (warmUp) {
            p.put("lsm.memtable-size", "256KB");
        }
        ConfigurableApplicationContext ctx = builder(LsmConfig.class).properties(p).run();
        return keyValue(ctx, ctx.getBean(LsmCustomerRepository.class), data);
    }

    /** map: {@code @EnableMapRepositories} registers its own template; no auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @EnableMapRepositories(basePackageClasses = MapCustomerRepository.class)
    static class MapConfig {
    }

    private static Driver map(CustomerData data) {
        ConfigurableApplicationContext ctx = builder(MapConfig.class).properties(quiet()).run();
        return keyValue(ctx, ctx.getBean(MapCustomerRepository.class), data);
    }

    private static Driver keyValue(ConfigurableApplicationContext ctx, KvCustomerRepository repo, CustomerData data) {
        return new Driver() {
            @Override
            public void save(int i, int age, boolean isNew) {
                repo.save(new Customer(data.idOf(i), data.nameOf(i), data.emailOf(i), age, data.createdOf(i)));
            }

            @Override
            public int saveAll(int[] idx, int from, int to) {
                List<Customer> batch = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    int i = idx[k];
                    batch.add(new Customer(data.idOf(i), data.nameOf(i), data.emailOf(i), data.ageOf(i),
                            data.createdOf(i)));
                }
                return repo.saveAll(batch).size();
            }

            @Override
            public int findAge(int i) {
                Customer c = repo.findById(data.idOf(i)).orElse(null);
                if (c == null) {
                    return ABSENT;
                }
                return same(c, i) ? c.getAge() : WRONG;
            }

            @Override
            public int findByEmail(int i) {
                List<Customer> found = repo.findByEmail(data.emailOf(i));
                for (Customer c : found) {
                    if (!same(c, i)) {
                        return WRONG;
                    }
                }
                return found.size();
            }

            private boolean same(Customer c, int i) {
                return data.idOf(i).equals(c.getId()) && data.emailOf(i).equals(c.getEmail())
                        && data.nameOf(i).equals(c.getName()) && data.createdOf(i).equals(c.getCreatedAt());
            }

            @Override
            public PageView page(int page, int size) {
                Page<Customer> p = repo.findAll(PageRequest.of(page, size, Sort.by("id")));
                List<String> ids = new ArrayList<>(p.getNumberOfElements());
                for (Customer c : p.getContent()) {
                    ids.add(c.getId());
                }
                return new PageView(ids, p.getTotalElements());
            }

            @Override
            public long count() {
                return repo.count();
            }

            @Override
            public void deleteById(int i) {
                repo.deleteById(data.idOf(i));
            }

            @Override
            public void close() {
                ctx.close();
            }
        };
    }

    // ---------------------------------------------------------------- Spring Data JDBC on H2

    /**
     * jdbc: DataSource (Hikari), JdbcTemplate, transaction manager and Spring Data JDBC's
     * auto-configuration, repositories enabled with {@code @EnableJdbcRepositories}.
     */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            DataJdbcRepositoriesAutoConfiguration.class})
    @EnableJdbcRepositories(basePackageClasses = JdbcCustomerRepository.class)
    static class JdbcConfig {
    }

    private static Driver jdbc(Path dir, CustomerData data) {
        Map<String, Object> p = quiet();
        p.put("spring.datasource.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("customers")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        p.put("spring.datasource.username", "sa");
        p.put("spring.datasource.password", "");
        ConfigurableApplicationContext ctx = builder(JdbcConfig.class).properties(p).run();
        new ResourceDatabasePopulator(new ClassPathResource("dev/lsmkv/bench/spring/customer/jdbc/schema.sql"))
                .execute(ctx.getBean(DataSource.class));
        JdbcCustomerRepository repo = ctx.getBean(JdbcCustomerRepository.class);
        return new Driver() {
            @Override
            public void save(int i, int age, boolean isNew) {
                repo.save(new JdbcCustomer(data.idOf(i), data.nameOf(i), data.emailOf(i), age, data.createdOf(i), isNew));
            }

            @Override
            public int saveAll(int[] idx, int from, int to) {
                List<JdbcCustomer> batch = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    int i = idx[k];
                    batch.add(new JdbcCustomer(data.idOf(i), data.nameOf(i), data.emailOf(i), data.ageOf(i),
                            data.createdOf(i), true));
                }
                return repo.saveAll(batch).size();
            }

            @Override
            public int findAge(int i) {
                JdbcCustomer c = repo.findById(data.idOf(i)).orElse(null);
                if (c == null) {
                    return ABSENT;
                }
                return same(c, i) ? c.getAge() : WRONG;
            }

            @Override
            public int findByEmail(int i) {
                List<JdbcCustomer> found = repo.findByEmail(data.emailOf(i));
                for (JdbcCustomer c : found) {
                    if (!same(c, i)) {
                        return WRONG;
                    }
                }
                return found.size();
            }

            private boolean same(JdbcCustomer c, int i) {
                return data.idOf(i).equals(c.getId()) && data.emailOf(i).equals(c.getEmail())
                        && data.nameOf(i).equals(c.getName()) && data.createdOf(i).equals(c.getCreatedAt());
            }

            @Override
            public PageView page(int page, int size) {
                Page<JdbcCustomer> p = repo.findAll(PageRequest.of(page, size, Sort.by("id")));
                List<String> ids = new ArrayList<>(p.getNumberOfElements());
                for (JdbcCustomer c : p.getContent()) {
                    ids.add(c.getId());
                }
                return new PageView(ids, p.getTotalElements());
            }

            @Override
            public long count() {
                return repo.count();
            }

            @Override
            public void deleteById(int i) {
                repo.deleteById(data.idOf(i));
            }

            @Override
            public void close() {
                ctx.close();
            }
        };
    }
}
