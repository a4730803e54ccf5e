package dev.lsmkv.bench.spring.customer.jdbc;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The issue's {@code Customer} as a Spring Data JDBC aggregate (table CUSTOMER, schema.sql, with
 * an index on EMAIL). The id is assigned by the benchmark, so {@link Persistable} tells
 * {@code save}/{@code saveAll} whether to INSERT or UPDATE (without it an entity with an id is
 * always UPDATEd, and a new one fails).
 */
@Table("CUSTOMER")
public class JdbcCustomer implements Persistable<String> {
    @Id
    private String id;
    private String name;
    private String email;
    private int age;
    private Instant createdAt;
    @Transient
    private boolean isNew;

    public JdbcCustomer() {
    }

    public JdbcCustomer(String id, String name, String email, int age, Instant createdAt, boolean isNew) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.age = age;
        this.createdAt = createdAt;
        this.isNew = isNew;
    }

    @Override
    public String getId() { return id; }
    @Override
    public boolean isNew() { return isNew; }
    public String getName() { return name; }
    public String getEmail() { return email; }
    public int getAge() { return age; }
    public Instant getCreatedAt() { return createdAt; }
}
