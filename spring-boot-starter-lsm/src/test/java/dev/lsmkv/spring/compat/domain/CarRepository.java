package dev.lsmkv.spring.compat.domain;

import java.util.List;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

public interface CarRepository extends KeyValueRepository<Car, Long> {

    List<Car> findByColor(Car.Color color);

    long countByColor(Car.Color color);

    boolean existsByColor(Car.Color color);

    List<Car> findByMileageGreaterThan(long mileage);

    long countByModel(String model);
}
