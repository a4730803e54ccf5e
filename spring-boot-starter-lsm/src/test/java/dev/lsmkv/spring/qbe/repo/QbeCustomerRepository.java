package dev.lsmkv.spring.qbe.repo;

import dev.lsmkv.spring.qbe.domain.Customer;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.QueryByExampleExecutor;

/** A repository with Query by Example, the way an application declares it. */
public interface QbeCustomerRepository extends ListCrudRepository<Customer, Long>,
        ListPagingAndSortingRepository<Customer, Long>, QueryByExampleExecutor<Customer> {
}
