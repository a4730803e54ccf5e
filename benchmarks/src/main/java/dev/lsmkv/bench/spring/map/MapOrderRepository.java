package dev.lsmkv.bench.spring.map;

import dev.lsmkv.bench.spring.kv.KvOrderRepository;

/** The order repository of the map store (found by {@code @EnableMapRepositories} on this package). */
public interface MapOrderRepository extends KvOrderRepository {
}
