package dev.lsmkv.spring.compat.domain;

import java.math.BigInteger;
import org.springframework.data.keyvalue.repository.KeyValueRepository;

public interface AccountRepository extends KeyValueRepository<Account, BigInteger> {
}
