package dev.lsmkv.bench.spring.map;

import java.util.List;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

/**
 * Extends {@link KeyValueRepository}, not {@code CrudRepository}: with Spring Data JDBC on the
 * classpath Spring Data is in strict repository configuration mode, and the KeyValue modules
 * claim a repository only by that type (they declare no identifying annotation, so the entity's
 * {@code @KeySpace} does not count); a {@code CrudRepository} here is skipped with an INFO log.
 */
public interface MapOrderRepository extends KeyValueRepository<MapOrder, Long> {
    /** The map store's predicate engine: a scan of the keyspace. */
    List<MapOrder> findByCustomer(String customer);
}
