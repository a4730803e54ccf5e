package dev.lsmkv.spring.compat.domain;

import java.util.UUID;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

public interface NoteRepository extends KeyValueRepository<Note, UUID> {
}
