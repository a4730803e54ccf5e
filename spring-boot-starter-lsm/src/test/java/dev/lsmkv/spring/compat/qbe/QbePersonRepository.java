package dev.lsmkv.spring.compat.qbe;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.QueryByExampleExecutor;

/** A repository with Query by Example, the way Spring Data Redis repositories offer it. */
public interface QbePersonRepository extends ListCrudRepository<QbePerson, String>, QueryByExampleExecutor<QbePerson> {
}
