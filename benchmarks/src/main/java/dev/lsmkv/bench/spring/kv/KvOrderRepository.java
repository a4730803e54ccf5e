package dev.lsmkv.bench.spring.kv;

import java.util.List;
import org.springframework.data.keyvalue.repository.KeyValueRepository;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * The repository both KeyValue stores implement; each store's package declares its own
 * sub-interface, which that store's {@code @Enable...Repositories} finds. Extends
 * {@link KeyValueRepository}, not {@code CrudRepository}: with Spring Data JDBC on the classpath
 * Spring Data is in strict repository configuration mode, and the KeyValue modules claim a
 * repository only by that type (they declare no identifying annotation, so the entity's
 * {@code @KeySpace} does not count); a {@code CrudRepository} would be skipped with an INFO log.
 */
@NoRepositoryBean
public interface KvOrderRepository extends KeyValueRepository<KvOrder, Long> {
    /** lsm: answered from the {@code @Indexed} customer index; map: a scan of the keyspace. */
    List<KvOrder> findByCustomer(String customer);
}
