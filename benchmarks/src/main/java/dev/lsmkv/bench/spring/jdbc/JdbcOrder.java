package dev.lsmkv.bench.spring.jdbc;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The benchmark's order as a Spring Data JDBC aggregate (table ORDERS, schema.sql). The id is
 * assigned by the benchmark, so {@link Persistable} tells {@code save} whether to INSERT or UPDATE
 * (without it, an entity with an id is always UPDATEd and a new one fails).
 */
@Table("ORDERS")
public class JdbcOrder implements Persistable<Long> {
    @Id
    private Long id;
    private String customer;
    private long amount;
    private String status;
    private Instant created;
    @Transient
    private boolean isNew;

    public JdbcOrder() {
    }

    public JdbcOrder(Long id, String customer, long amount, String status, Instant created, boolean isNew) {
        this.id = id;
        this.customer = customer;
        this.amount = amount;
        this.status = status;
        this.created = created;
        this.isNew = isNew;
    }

    @Override
    public Long getId() { return id; }
    @Override
    public boolean isNew() { return isNew; }
    public String getCustomer() { return customer; }
    public long getAmount() { return amount; }
    public String getStatus() { return status; }
    public Instant getCreated() { return created; }
}
