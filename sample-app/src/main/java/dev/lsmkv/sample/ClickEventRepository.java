package dev.lsmkv.sample;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

public interface ClickEventRepository extends ListCrudRepository<ClickEvent, String> {

    List<ClickEvent> findByCode(String code, Pageable pageable);

    long countByCode(String code);
}
