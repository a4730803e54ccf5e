package dev.lsmkv.spring.repository.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.spring.autoconfigure.LsmAutoConfiguration;
import dev.lsmkv.spring.autoconfigure.LsmRepositoriesAutoConfiguration;
import dev.lsmkv.spring.qbe.CustomerDto;
import dev.lsmkv.spring.qbe.QbeStore;
import dev.lsmkv.spring.qbe.ReferenceExample;
import dev.lsmkv.spring.qbe.domain.Customer;
import dev.lsmkv.spring.qbe.domain.Status;
import dev.lsmkv.spring.qbe.repo.QbeCustomerRepository;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.repository.query.QueryByExampleExecutor;

/**
 * Query by Example through an application's repository ({@code extends QueryByExampleExecutor}),
 * once the repository base class offers it. Skipped until {@link SimpleLsmRepository} implements
 * {@link QueryByExampleExecutor}.
 */
class RepositoryQueryByExampleTests {

    static final List<Customer> DATA = QbeStore.customers(500, 5);

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = QbeCustomerRepository.class)
    static class Config {
    }

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LsmAutoConfiguration.class, LsmRepositoriesAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .withPropertyValues("lsm.data-dir=" + dir, "lsm.sync-mode=none");
    }

    static List<Customer> reference(Example<Customer> example) {
        return DATA.stream().filter(c -> ReferenceExample.matches(c, example)).toList();
    }

    @Test
    void repositoriesAnswerExamples() {
        assertThat(QueryByExampleExecutor.class).isAssignableFrom(SimpleLsmRepository.class);
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            QbeCustomerRepository repo = ctx.getBean(QbeCustomerRepository.class);
            repo.saveAll(DATA);
            Random r = new Random(3);
            for (int i = 0; i < 60; i++) {
                Example<Customer> example = QueryByExampleTests.randomExampleFrom(DATA, r);
                List<Customer> expected = reference(example);
                assertThat(repo.findAll(example, Sort.by("id"))).as(example.getMatcher().toString()).isEqualTo(expected);
                assertThat(repo.count(example)).isEqualTo(expected.size());
                assertThat(repo.exists(example)).isEqualTo(!expected.isEmpty());
                Page<Customer> page = repo.findAll(example, PageRequest.of(0, 5, Sort.by("id")));
                assertThat(page.getContent()).isEqualTo(expected.subList(0, Math.min(5, expected.size())));
                assertThat(page.getTotalElements()).isEqualTo(expected.size());
            }
            Example<Customer> active = Example.of(Customer.probe().setStatus(Status.ACTIVE),
                    ExampleMatcher.matching().withIgnorePaths("age"));
            List<Customer> expected = reference(active).stream()
                    .sorted(Comparator.comparing(Customer::getAge).thenComparing(Customer::getId)).toList();
            List<CustomerDto> dtos = repo.findBy(active, (FetchableFluentQuery<Customer> q) -> q.sortBy(Sort.by("age", "id"))
                    .as(CustomerDto.class).limit(3).all());
            assertThat(dtos).containsExactlyElementsOf(expected.stream().limit(3)
                    .map(c -> new CustomerDto(c.getId(), c.getLastname(), c.getAge())).toList());
            assertThat(repo.findOne(Example.of(Customer.probe().setId(7L), ExampleMatcher.matching().withIgnorePaths("age"))))
                    .contains(DATA.get(6));
            assertThatThrownBy(() -> repo.findOne(active)).isInstanceOf(IncorrectResultSizeDataAccessException.class);
        });
    }
}
