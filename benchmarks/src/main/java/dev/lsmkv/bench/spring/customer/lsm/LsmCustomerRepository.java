package dev.lsmkv.bench.spring.customer.lsm;

import dev.lsmkv.bench.spring.customer.kv.KvCustomerRepository;

/** The customer repository of the lsm store (found by {@code @EnableLsmRepositories} on this package). */
public interface LsmCustomerRepository extends KvCustomerRepository {
}
