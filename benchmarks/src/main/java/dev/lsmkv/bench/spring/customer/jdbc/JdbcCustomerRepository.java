package dev.lsmkv.bench.spring.customer.jdbc;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** The customer repository of the jdbc store: the same two interfaces the KeyValue stores' repository has. */
public interface JdbcCustomerRepository extends ListCrudRepository<JdbcCustomer, String>,
        ListPagingAndSortingRepository<JdbcCustomer, String> {
    /** SELECT ... WHERE EMAIL = ?, on the CUSTOMER_EMAIL index. */
    List<JdbcCustomer> findByEmail(String email);
}
