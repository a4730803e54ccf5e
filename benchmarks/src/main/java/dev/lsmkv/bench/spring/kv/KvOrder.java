package dev.lsmkv.bench.spring.lsm;

import dev.lsmkv.spring.Indexed;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** The benchmark's order in the lsm store; customer indexed for {@code findByCustomer}. */
@KeySpace("orders")
public class LsmOrder {
    @Id
    private Long id;
    @Indexed
    private String customer;
    private long amount;
    private String status;
    private Instant created;

    public LsmOrder() {
    }

    public LsmOrder(Long id, String customer, long amount, String status, Instant created) {
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
