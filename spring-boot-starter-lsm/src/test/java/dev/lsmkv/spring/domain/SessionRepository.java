package dev.lsmkv.spring.domain;

import java.util.List;
import org.springframework.data.repository.CrudRepository;

public interface SessionRepository extends CrudRepository<Session, String> {

    List<Session> findByUser(String user);

    long countByUser(String user);
}
