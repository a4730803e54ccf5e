package dev.lsmkv.spring.compat.domain;

import org.springframework.data.repository.CrudRepository;

public interface ProfileRepository extends CrudRepository<Profile, String> {
}
