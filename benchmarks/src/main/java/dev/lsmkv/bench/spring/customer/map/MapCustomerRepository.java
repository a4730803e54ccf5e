package dev.lsmkv.bench.spring.customer.map;

import dev.lsmkv.bench.spring.customer.kv.KvCustomerRepository;

/** The customer repository of the map store (found by {@code @EnableMapRepositories} on this package). */
public interface MapCustomerRepository extends KvCustomerRepository {
}
