package dev.lsmkv.spring.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

public interface PersonRepository extends ListCrudRepository<Person, Long>, ListPagingAndSortingRepository<Person, Long> {

    Optional<Person> findByEmail(String email);

    List<Person> findByEmailIgnoreCase(String email);

    List<Person> findByAge(int age);

    List<Person> findByAgeGreaterThan(int age);

    List<Person> findByAgeGreaterThanEqual(int age);

    List<Person> findByAgeLessThan(int age);

    List<Person> findByAgeLessThanEqual(int age);

    List<Person> findByAgeBetween(int low, int high);

    List<Person> findByAgeIn(Collection<Integer> ages);

    List<Person> findByEmailStartingWith(String prefix);

    List<Person> findByBirthdayBefore(LocalDate date);

    List<Person> findByScoreGreaterThan(double score);

    List<Person> findByTags(String tag);

    List<Person> findByCity(String city);

    List<Person> findByCityAndAgeGreaterThan(String city, int age);

    List<Person> findByAgeOrCity(int age, String city);

    List<Person> findByAgeGreaterThan(int age, Sort sort);

    Page<Person> findByAgeGreaterThan(int age, Pageable pageable);

    Page<Person> findByCity(String city, Pageable pageable);

    Slice<Person> findSliceByAgeGreaterThan(int age, Pageable pageable);

    List<Person> findTop3ByCityOrderByAgeDesc(String city);

    Stream<Person> streamByCity(String city);

    long countByCity(String city);

    long countByAge(int age);

    boolean existsByEmail(String email);
}
