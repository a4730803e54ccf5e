package dev.lsmkv.spring.compat.domain;

import org.springframework.data.keyvalue.repository.KeyValueRepository;

public interface MapDbPersonRepository extends KeyValueRepository<MapDbPerson, String> {

    long countByLastname(String lastname);
}
