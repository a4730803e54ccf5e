package dev.lsmkv.bench.spring.kv;

import dev.lsmkv.spring.Indexed;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * The benchmark's order in both KeyValue stores: the lsm store indexes customer for
 * {@code findByCustomer}; the map store ignores {@code @Indexed} and scans.
 */
@KeySpace("orders")
public class KvOrder {
    @Id
    private Long id;
    @Indexed
    private String customer;
    private long amount;
    private String status;
    private Instant created;

    public KvOrder() {
    }

    public KvOrder(Long id, String customer, long amount, String status, Instant created) {
        this.id = id;
        this.customer = customer;
        this.amount = amount;
        this.status = status;
        this.created = created;
    }

    public Long getId() { return id; }
    public String getCustomer() { return customer; }
    public long getAmount() { return amount; }
    public String getStatus() { return status; }
    public Instant getCreated() { return created; }
}
