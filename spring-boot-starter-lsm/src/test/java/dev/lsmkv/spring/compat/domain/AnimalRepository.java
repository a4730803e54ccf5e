package dev.lsmkv.spring.compat.domain;

import java.util.List;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

public interface AnimalRepository extends KeyValueRepository<Animal, String> {

    List<Animal> findByName(String name);
}
