package dev.lsmkv.bench.spring.lsm;

import dev.lsmkv.bench.spring.kv.KvOrderRepository;

/** The order repository of the lsm store (found by {@code @EnableLsmRepositories} on this package). */
public interface LsmOrderRepository extends KvOrderRepository {
}
