package dev.lsmkv.bench.spring.map;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** The benchmark's order in Spring Data KeyValue's in-memory map store (no index there). */
@KeySpace("orders")
public class MapOrder {
    @Id
    private Long id;
    private String customer;
    private long amount;
    private String status;
    private Instant created;

    public MapOrder() {
    }

    public MapOrder(Long id, String customer, long amount, String status, Instant created) {
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
