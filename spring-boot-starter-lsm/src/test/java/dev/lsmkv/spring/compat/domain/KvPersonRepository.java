package dev.lsmkv.spring.compat.domain;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

/** The query methods of spring-data-keyvalue's AbstractRepositoryUnitTests.PersonRepository, and more. */
public interface KvPersonRepository extends KeyValueRepository<KvPerson, String> {

    List<KvPerson> findByAge(int age);

    List<KvPerson> findByFirstname(String firstname);

    List<KvPerson> findByFirstnameAndAge(String firstname, int age);

    Page<KvPerson> findByAge(int age, Pageable page);

    List<KvPerson> findByAgeOrFirstname(int age, String firstname);

    KvPerson findByAgeAndFirstname(int age, String firstname);

    List<KvPerson> findByAgeGreaterThanOrderByAgeAscFirstnameDesc(int age);

    List<PersonSummary> findByAgeGreaterThan(int age, Sort sort);

    <T> List<T> findByAgeGreaterThan(int age, Sort sort, Class<T> projectionType);

    List<KvPerson> findByFirstnameIn(List<String> firstnames);

    long countByFirstnameIn(List<String> firstnames);

    List<KvPerson> findListByAge(int age, Pageable page);

    Slice<KvPerson> findSliceByAge(int age, Pageable page);

    List<KvPerson> findTop3By();

    List<KvPerson> findTop2ByOrderByAgeDesc();

    Optional<KvPerson> findFirstByOrderByAgeAsc();

    List<KvPerson> findByAgeGreaterThanEqual(int age, Limit limit);

    Stream<KvPerson> streamByAge(int age);

    boolean existsByFirstname(String firstname);

    int countByFirstname(String firstname);

    long countByAge(int age);

    List<KvPerson> findByFirstnameIsNull();

    List<KvPerson> findByFirstnameIgnoreCase(String firstname);

    interface PersonSummary {
        String getFirstname();
    }
}
