package dev.lsmkv.spring.compat.domain;

import org.springframework.data.repository.CrudRepository;

public interface ImmutableRepository extends CrudRepository<Immutable, String> {
}
