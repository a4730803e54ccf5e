package dev.lsmkv.spring.domain;

import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

public interface NoteRepository extends ListCrudRepository<Note, UUID>, ListPagingAndSortingRepository<Note, UUID> {
}
