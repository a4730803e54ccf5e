package dev.lsmkv.bench.spring.jdbc;

import java.util.List;
import org.springframework.data.repository.CrudRepository;

public interface JdbcOrderRepository extends CrudRepository<JdbcOrder, Long> {
    /** SELECT ... WHERE CUSTOMER = ?, on the ORDERS_CUSTOMER index. */
    List<JdbcOrder> findByCustomer(String customer);
}
