package dev.lsmkv.spring.bench;

import org.springframework.data.repository.CrudRepository;

public interface PlainRepository extends CrudRepository<PlainEntity, Long> {
}
