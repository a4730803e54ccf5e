package dev.lsmkv.spring.compat.domain;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;
import org.springframework.data.util.Streamable;

/** The query methods of spring-data-redis' RedisRepositoryIntegrationTestBase.PersonRepository (no geo), and more. */
public interface PersonRepository extends PagingAndSortingRepository<Person, String>, CrudRepository<Person, String> {

    List<Person> findByFirstname(String firstname);

    List<Person> findByLastname(String lastname);

    List<Person> findByLastname(String lastname, Sort sort);

    List<Person> findByLastnameOrderByFirstnameAsc(String lastname);

    List<Person> findByLastnameOrderByFirstnameDesc(String lastname);

    Page<Person> findPersonByLastname(String lastname, Pageable page);

    List<Person> findPersonByAliveIsTrue();

    List<Person> findPersonByAliveIsFalse();

    List<Person> findByFirstnameAndLastname(String firstname, String lastname);

    List<Person> findByFirstnameOrLastname(String firstname, String lastname);

    List<Person> findByFirstnameAndLastnameOrAliveIsTrue(String firstname, String lastname);

    List<Person> findFirstBy();

    List<Person> findTop2By();

    List<Person> findTop2ByLastname(String lastname);

    Page<Person> findBy(Pageable page);

    Person findEntityById(String id);

    <T> T findProjectionById(String id, Class<T> projection);

    Streamable<PersonProjection> findProjectionStreamBy();

    List<PersonProjection> findProjectionBy();

    List<PersonDto> findProjectionDtoBy();

    List<Person> findByHometownName(String name);

    List<Person> findByFirstnameIn(Collection<String> firstnames);

    long countByFirstnameIn(Collection<String> firstnames);

    long countByFirstname(String firstname);

    boolean existsByFirstname(String firstname);

    long countByAliveIsTrue();

    interface PersonProjection {
        String getFirstname();
    }

    record PersonDto(String firstname) {
    }
}
