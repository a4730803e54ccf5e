package dev.lsmkv.spring.repository.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.spring.qbe.BadDto;
import dev.lsmkv.spring.qbe.CountingCodec;
import dev.lsmkv.spring.qbe.CustomerDto;
import dev.lsmkv.spring.qbe.CustomerNames;
import dev.lsmkv.spring.qbe.QbeStore;
import dev.lsmkv.spring.qbe.domain.Customer;
import dev.lsmkv.spring.qbe.domain.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;

/**
 * {@code findBy(example, query -> ...)}: every terminal operation and configuration of the fluent
 * query, on the real engine, compared with the example evaluated over the in-memory list; and which
 * operations reach the template (a page revealing its total does not count).
 */
class FluentQueryByExampleTests {

    static final List<Customer> DATA = QbeStore.customers(400, 3);
    static final Comparator<Customer> BY_AGE_DESC_ID = Comparator.comparing(Customer::getAge).reversed()
            .thenComparing(Customer::getId);
    static final Sort AGE_DESC_ID = Sort.by(Sort.Order.desc("age"), Sort.Order.asc("id"));

    @TempDir
    Path dir;

    /** Runs {@code test} with an executor over a template that counts the calls it gets. */
    private void withCustomers(BiConsumer<LsmQueryByExampleExecutor<Customer>, Map<String, AtomicInteger>> test) {
        QbeStore.runner(dir, new CountingCodec()).run(ctx -> {
            KeyValueOperations ops = QbeStore.operations(ctx);
            QbeStore.saveAll(ops, DATA, Customer.class);
            Map<String, AtomicInteger> calls = QbeStore.calls();
            test.accept(QbeStore.executor(QbeStore.counting(ops, calls), Customer.class), calls);
        });
    }

    static List<Customer> where(Predicate<Customer> p, Comparator<Customer> order) {
        return DATA.stream().filter(p).sorted(order).toList();
    }

    static int calls(Map<String, AtomicInteger> calls, String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    static Example<Customer> lastname(String lastname) {
        return Example.of(Customer.probe().setLastname(lastname), ExampleMatcher.matching().withIgnorePaths("age"));
    }

    static Example<Customer> status(Status status) {
        return Example.of(Customer.probe().setStatus(status), ExampleMatcher.matching().withIgnorePaths("age"));
    }

    @Test
    void sortLimitAllStreamFirst() {
        withCustomers((qbe, calls) -> {
            List<Customer> active = where(c -> c.getStatus() == Status.ACTIVE, BY_AGE_DESC_ID);
            assertThat(active.size()).isGreaterThan(50);
            Example<Customer> ex = status(Status.ACTIVE);
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).all())).isEqualTo(active);
            // sortBy appends
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(Sort.by(Sort.Order.desc("age"))).sortBy(Sort.by("id")).all()))
                    .isEqualTo(active);
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).limit(5).all())).isEqualTo(active.subList(0, 5));
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.limit(0).all())).isEmpty();
            try (Stream<Customer> s = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).limit(7).stream())) {
                assertThat(s).containsExactlyElementsOf(active.subList(0, 7));
            }
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).firstValue())).isEqualTo(active.get(0));
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).first())).contains(active.get(0));
            assertThat(qbe.findBy(lastname("Nobody"), (FetchableFluentQuery<Customer> q) -> q.first())).isEmpty();
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.limit(0).firstValue())).isNull();
        });
    }

    @Test
    void oneValueFailsOnMoreThanOne() {
        withCustomers((qbe, calls) -> {
            Example<Customer> one = Example.of(Customer.probe().setId(9L), ExampleMatcher.matching().withIgnorePaths("age"));
            assertThat(qbe.findBy(one, (FetchableFluentQuery<Customer> q) -> q.oneValue())).isEqualTo(DATA.get(8));
            assertThat(qbe.findBy(one, (FetchableFluentQuery<Customer> q) -> q.one())).contains(DATA.get(8));
            assertThat(qbe.findBy(lastname("Nobody"), (FetchableFluentQuery<Customer> q) -> q.oneValue())).isNull();
            assertThat(qbe.findBy(lastname("Nobody"), (FetchableFluentQuery<Customer> q) -> q.one())).isEmpty();
            assertThatThrownBy(() -> qbe.findBy(status(Status.ACTIVE), (FetchableFluentQuery<Customer> q) -> q.oneValue()))
                    .isInstanceOf(IncorrectResultSizeDataAccessException.class);
            assertThatThrownBy(() -> qbe.findBy(status(Status.ACTIVE), (FetchableFluentQuery<Customer> q) -> q.one()))
                    .isInstanceOf(IncorrectResultSizeDataAccessException.class);
        });
    }

    @Test
    void countAndExists() {
        withCustomers((qbe, calls) -> {
            long closed = DATA.stream().filter(c -> c.getStatus() == Status.CLOSED).count();
            assertThat(qbe.findBy(status(Status.CLOSED), (FetchableFluentQuery<Customer> q) -> q.count())).isEqualTo(closed);
            assertThat(qbe.findBy(status(Status.CLOSED), (FetchableFluentQuery<Customer> q) -> q.limit(3).count())).isEqualTo(3);
            assertThat(qbe.findBy(status(Status.CLOSED), (FetchableFluentQuery<Customer> q) -> q.limit(0).count())).isZero();
            assertThat(qbe.findBy(status(Status.CLOSED), (FetchableFluentQuery<Customer> q) -> q.exists())).isTrue();
            assertThat(qbe.findBy(status(Status.CLOSED), (FetchableFluentQuery<Customer> q) -> q.limit(0).exists())).isFalse();
            assertThat(qbe.findBy(lastname("Nobody"), (FetchableFluentQuery<Customer> q) -> q.exists())).isFalse();
            calls.clear();
            assertThat(qbe.exists(status(Status.CLOSED))).isTrue();
            assertThat(calls(calls, "exists")).isEqualTo(1);
            assertThat(calls(calls, "count")).isZero();
            assertThat(calls(calls, "find")).isZero();
        });
    }

    @Test
    void pagesCountOnlyWhenTheContentDoesNotRevealTheTotal() {
        withCustomers((qbe, calls) -> {
            List<Customer> active = where(c -> c.getStatus() == Status.ACTIVE, BY_AGE_DESC_ID);
            Example<Customer> ex = status(Status.ACTIVE);
            int size = 10;
            int pages = (active.size() + size - 1) / size;
            for (int i = 0; i < pages; i++) {
                calls.clear();
                Page<Customer> page = qbe.findAll(ex, PageRequest.of(i, size, AGE_DESC_ID));
                assertThat(page.getContent()).isEqualTo(active.subList(i * size, Math.min(active.size(), (i + 1) * size)));
                assertThat(page.getTotalElements()).isEqualTo(active.size());
                assertThat(page.getTotalPages()).isEqualTo(pages);
                assertThat(page.hasNext()).isEqualTo(i < pages - 1);
                // the last page reveals the total: no count
                assertThat(calls(calls, "count")).isEqualTo(i < pages - 1 || active.size() % size == 0 ? 1 : 0);
                assertThat(calls(calls, "find")).isEqualTo(1);
            }
            // a first page holding everything: no count
            calls.clear();
            Page<Customer> all = qbe.findAll(ex, PageRequest.of(0, active.size() + 5, AGE_DESC_ID));
            assertThat(all.getContent()).isEqualTo(active);
            assertThat(all.getTotalElements()).isEqualTo(active.size());
            assertThat(calls(calls, "count")).isZero();
            // past the end: a count tells the total
            Page<Customer> beyond = qbe.findAll(ex, PageRequest.of(pages + 2, size, AGE_DESC_ID));
            assertThat(beyond.getContent()).isEmpty();
            assertThat(beyond.getTotalElements()).isEqualTo(active.size());
            // unpaged: everything, sorted by the pageable's sort
            Page<Customer> unpaged = qbe.findAll(ex, Pageable.unpaged(AGE_DESC_ID));
            assertThat(unpaged.getContent()).isEqualTo(active);
            assertThat(unpaged.getTotalElements()).isEqualTo(active.size());
            // fluent page: the query's sort first, then the pageable's
            Page<Customer> fluent = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(Sort.by(Sort.Order.desc("age"))).page(PageRequest.of(1, 5, Sort.by("id"))));
            assertThat(fluent.getContent()).isEqualTo(active.subList(5, 10));
        });
    }

    @Test
    void slicesLookOneAhead() {
        withCustomers((qbe, calls) -> {
            List<Customer> active = where(c -> c.getStatus() == Status.ACTIVE, BY_AGE_DESC_ID);
            Example<Customer> ex = status(Status.ACTIVE);
            int size = 10;
            calls.clear();
            List<Customer> seen = new ArrayList<>();
            Slice<Customer> slice = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).slice(PageRequest.of(0, size)));
            while (true) {
                seen.addAll(slice.getContent());
                if (!slice.hasNext()) {
                    break;
                }
                Pageable next = slice.nextPageable();
                slice = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).slice(next));
            }
            assertThat(seen).isEqualTo(active);
            assertThat(calls(calls, "count")).isZero();
            Slice<Customer> exact = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).slice(PageRequest.of(0, active.size())));
            assertThat(exact.hasNext()).isFalse();
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).slice(PageRequest.of(0, active.size() - 1))).hasNext()).isTrue();
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.slice(Pageable.unpaged())).getContent()).hasSize(active.size());
        });
    }

    @Test
    void scrollsByOffset() {
        withCustomers((qbe, calls) -> {
            List<Customer> active = where(c -> c.getStatus() == Status.ACTIVE, BY_AGE_DESC_ID);
            Example<Customer> ex = status(Status.ACTIVE);
            List<Customer> seen = new ArrayList<>();
            ScrollPosition position = ScrollPosition.offset();
            while (true) {
                ScrollPosition at = position;
                Window<Customer> window = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).limit(7).scroll(at));
                seen.addAll(window.getContent());
                if (!window.hasNext()) {
                    break;
                }
                position = window.positionAt(window.size() - 1);
            }
            assertThat(seen).isEqualTo(active);
            Window<Customer> unlimited = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(AGE_DESC_ID).scroll(ScrollPosition.offset()));
            assertThat(unlimited.getContent()).isEqualTo(active);
            assertThat(unlimited.hasNext()).isFalse();
            KeysetScrollPosition keyset = ScrollPosition.keyset();
            assertThatThrownBy(() -> qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.limit(3).scroll(keyset)))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class);
        });
    }

    @Test
    void projections() {
        withCustomers((qbe, calls) -> {
            List<Customer> smiths = where(c -> "Smith".equals(c.getLastname()), Comparator.comparing(Customer::getId));
            assertThat(smiths).isNotEmpty();
            Example<Customer> ex = lastname("Smith");
            Sort byId = Sort.by("id");
            // the domain type and its supertypes: the entities themselves
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(byId).as(Customer.class).all())).isEqualTo(smiths);
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(byId).as(Object.class).all())).isEqualTo(List.copyOf(smiths));
            // an interface: projection proxies, closed and open properties
            List<CustomerNames> names = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(byId).as(CustomerNames.class).all());
            assertThat(names).extracting(CustomerNames::getLastname).containsOnly("Smith");
            assertThat(names).extracting(CustomerNames::getFirstname).containsExactlyElementsOf(
                    smiths.stream().map(Customer::getFirstname).toList());
            assertThat(names).extracting(CustomerNames::getFullName).containsExactlyElementsOf(
                    smiths.stream().map(c -> c.getFirstname() + " " + c.getLastname()).toList());
            // a DTO class: created from the entity's properties
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(byId).as(CustomerDto.class).all())).containsExactlyElementsOf(
                    smiths.stream().map(c -> new CustomerDto(c.getId(), c.getLastname(), c.getAge())).toList());
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(byId).as(CustomerDto.class).firstValue()))
                    .isEqualTo(new CustomerDto(smiths.get(0).getId(), "Smith", smiths.get(0).getAge()));
            Page<CustomerDto> page = qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.as(CustomerDto.class).page(PageRequest.of(0, 2, byId)));
            assertThat(page.getContent()).extracting(CustomerDto::id)
                    .containsExactlyElementsOf(smiths.stream().limit(2).map(Customer::getId).toList());
            assertThat(page.getTotalElements()).isEqualTo(smiths.size());
            // project(...) is a hint: entities are read whole
            assertThat(qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.sortBy(byId).project("lastname").all())).isEqualTo(smiths);
            // what cannot be a projection
            assertThatThrownBy(() -> qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.as(String.class).all()))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("java.lang.String");
            assertThatThrownBy(() -> qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.as(Integer.class).all()))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class);
            assertThatThrownBy(() -> qbe.findBy(ex, (FetchableFluentQuery<Customer> q) -> q.as(BadDto.class).all()))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("BadDto");
        });
    }
}
