package dev.lsmkv.spring.bench;

import java.util.List;
import org.springframework.data.repository.CrudRepository;

public interface BenchRepository extends CrudRepository<BenchEntity, Long> {
    List<BenchEntity> findByGrp(String grp);
}
