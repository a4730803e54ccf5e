package dev.lsmkv.spring.compat.domain;

import java.util.List;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

public interface DogRepository extends KeyValueRepository<Dog, String> {

    List<Dog> findByBreed(String breed);

    long countByBreed(String breed);
}
