package dev.lsmkv.sample;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

/** Found and backed by the lsm starter with no annotation. */
public interface LinkRepository extends ListCrudRepository<Link, String> {

    /** Served by the {@code @Indexed owner} index; paging and sorting by Spring Data. */
    Page<Link> findByOwner(String owner, Pageable pageable);

    long countByOwner(String owner);
}
