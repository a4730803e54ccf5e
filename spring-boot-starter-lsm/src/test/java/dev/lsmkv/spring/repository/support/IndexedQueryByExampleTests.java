package dev.lsmkv.spring.repository.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.spring.qbe.CountingCodec;
import dev.lsmkv.spring.qbe.QbeStore;
import dev.lsmkv.spring.qbe.ReferenceExample;
import dev.lsmkv.spring.qbe.domain.Address;
import dev.lsmkv.spring.qbe.domain.Customer;
import dev.lsmkv.spring.qbe.domain.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.ExampleMatcher.StringMatcher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueOperations;

/**
 * Which examples the engine answers from an {@code @Indexed} property's index: the codec counts the
 * entities a query decodes, which is the number of candidates the index gives (or the whole keyspace
 * for a scan). Results are compared with the reference evaluation every time.
 */
class IndexedQueryByExampleTests {

    static final int N = 3000;
    static final List<Customer> DATA = QbeStore.customers(N, 11);

    @TempDir
    Path dir;

    static long count(Predicate<Customer> p) {
        return DATA.stream().filter(p).count();
    }

    static ExampleMatcher noAge() {
        return ExampleMatcher.matching().withIgnorePaths("age");
    }

    /** Finds {@code example}, checks the result, and returns how many entities the query decoded. */
    static long decodesOfFind(LsmQueryByExampleExecutor<Customer> qbe, CountingCodec codec, Example<Customer> example) {
        List<Customer> expected = DATA.stream().filter(c -> ReferenceExample.matches(c, example)).toList();
        codec.reset();
        List<Customer> found = qbe.findAll(example, Sort.by("id"));
        long decodes = codec.decodes();
        assertThat(found).as(example.getProbe() + " " + example.getMatcher()).isEqualTo(expected);
        return decodes;
    }

    @Test
    void indexedProbePropertiesAreReadFromTheIndex() {
        CountingCodec codec = new CountingCodec();
        QbeStore.runner(dir, codec).run(ctx -> {
            KeyValueOperations ops = QbeStore.operations(ctx);
            QbeStore.saveAll(ops, DATA, Customer.class);
            LsmQueryByExampleExecutor<Customer> qbe = QbeStore.executor(ops, Customer.class);

            // exact match of an indexed string: only the index's candidates are decoded
            long smiths = count(c -> "Smith".equals(c.getLastname()));
            assertThat(smiths).isBetween(1L, N / 10L);
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("Smith"), noAge()))).isEqualTo(smiths);
            // ...also with other (unindexed) properties, which filter the candidates
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("Smith").setFirstname("Ann")
                    .setAddress(new Address("Oslo", null, null)), noAge()))).isEqualTo(smiths);
            // an enum, a primitive, a collection element
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setStatus(Status.CLOSED), noAge())))
                    .isEqualTo(count(c -> c.getStatus() == Status.CLOSED));
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setAge(33))))
                    .isEqualTo(count(c -> c.getAge() == 33));
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setTags(List.of("vip")), noAge())))
                    .isEqualTo(count(c -> c.getTags().contains("vip")));
            // starting-with on an indexed string: the index's prefix range
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("Smi"),
                    noAge().withStringMatcher(StringMatcher.STARTING))))
                    .isEqualTo(count(c -> c.getLastname() != null && c.getLastname().startsWith("Smi")));
            // ANY over indexed properties: the union of their ranges, each entity decoded at most once per range
            long closed = count(c -> c.getStatus() == Status.CLOSED);
            long anyDecodes = decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("Smith").setStatus(Status.CLOSED),
                    ExampleMatcher.matchingAny().withIgnorePaths("age")));
            assertThat(anyDecodes).isLessThanOrEqualTo(smiths + closed).isLessThan(N);

            // what the index cannot answer scans the keyspace
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setFirstname("Ann"), noAge()))).isEqualTo(N);
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("smith"), noAge().withIgnoreCase())))
                    .isEqualTo(N);
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("mit"),
                    noAge().withStringMatcher(StringMatcher.CONTAINING)))).isEqualTo(N);
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("Smith").setFirstname("Ann"),
                    ExampleMatcher.matchingAny().withIgnorePaths("age")))).isEqualTo(N);
            // (a null included as IS_NULL narrows nothing, the equality next to it still reads the index...)
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("Smith"), noAge().withIncludeNullValues()
                    .withIgnorePaths("id", "rank", "status", "address", "tags", "attributes", "aliases")))).isEqualTo(smiths);
            // (...but as an alternative of ANY it needs a scan)
            assertThat(decodesOfFind(qbe, codec, Example.of(Customer.probe().setLastname("Smith"), ExampleMatcher.matchingAny()
                    .withIncludeNullValues().withIgnorePaths("age", "id", "rank", "status", "address", "tags", "attributes", "aliases"))))
                    .isEqualTo(N);

            // counting an indexed equality counts index keys: nothing decoded
            codec.reset();
            assertThat(qbe.count(Example.of(Customer.probe().setLastname("Smith"), noAge()))).isEqualTo(smiths);
            assertThat(codec.decodes()).isZero();
            // exists stops at the first match
            codec.reset();
            assertThat(qbe.exists(Example.of(Customer.probe().setLastname("Smith").setFirstname("Ann"), noAge())))
                    .isEqualTo(count(c -> "Smith".equals(c.getLastname()) && "Ann".equals(c.getFirstname())) > 0);
            assertThat(codec.decodes()).isLessThanOrEqualTo(smiths);
            // a page of an indexed example decodes no more than the candidates
            codec.reset();
            assertThat(qbe.findAll(Example.of(Customer.probe().setStatus(Status.ACTIVE), noAge()), PageRequest.of(2, 10))
                    .getContent()).hasSize(10);
            assertThat(codec.decodes()).isLessThanOrEqualTo(30);
        });
    }
}
