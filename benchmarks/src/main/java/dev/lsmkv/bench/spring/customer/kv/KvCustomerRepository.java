package dev.lsmkv.bench.spring.customer.kv;

import java.util.List;
import org.springframework.data.keyvalue.repository.KeyValueRepository;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * The customer repository of both KeyValue stores: {@link KeyValueRepository} is
 * {@code ListCrudRepository} + {@code ListPagingAndSortingRepository}. It must be this type, not
 * those two: with Spring Data JDBC on the classpath Spring Data is in strict repository
 * configuration mode, and the KeyValue modules claim a repository only by this type.
 */
@NoRepositoryBean
public interface KvCustomerRepository extends KeyValueRepository<Customer, String> {
    /** lsm: read from the {@code @Indexed} email index; map: a scan of the keyspace. */
    List<Customer> findByEmail(String email);
}
