package dev.lsmkv.spring.compat.domain;

import org.springframework.data.repository.CrudRepository;

public interface GadgetRepository extends CrudRepository<Gadget, String> {
}
