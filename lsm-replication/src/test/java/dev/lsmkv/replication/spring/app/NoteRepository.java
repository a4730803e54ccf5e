package dev.lsmkv.replication.spring.app;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

public interface NoteRepository extends ListCrudRepository<Note, String> {

    List<Note> findByText(String text);
}
