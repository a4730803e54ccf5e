package dev.lsmkv.spring.app;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

public interface ItemRepository extends ListCrudRepository<Item, String> {

    List<Item> findByCategory(String category);

    List<Item> findByPriceGreaterThan(int price);
}
