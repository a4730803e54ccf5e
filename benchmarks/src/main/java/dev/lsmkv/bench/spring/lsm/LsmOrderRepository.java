package dev.lsmkv.bench.spring.lsm;

import java.util.List;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

/**
 * Extends {@link KeyValueRepository}, not {@code CrudRepository}: with Spring Data JDBC on the
 * classpath Spring Data is in strict repository configuration mode, and the KeyValue modules
 * claim a repository only by that type (they declare no identifying annotation, so the entity's
 * {@code @KeySpace} does not count); a {@code CrudRepository} here is skipped with an INFO log.
 */
public interface LsmOrderRepository extends KeyValueRepository<LsmOrder, Long> {
    /** Answered from the {@code @Indexed} customer index. */
    List<LsmOrder> findByCustomer(String customer);
}
