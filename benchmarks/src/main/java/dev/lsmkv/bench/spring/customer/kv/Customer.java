package dev.lsmkv.bench.spring.customer.kv;

import dev.lsmkv.spring.Indexed;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * The issue's {@code Customer} in both KeyValue stores: the lsm store indexes {@code email}
 * ({@link Indexed}) and answers {@code findByEmail} from the index; the map store ignores the
 * annotation and scans. The id is assigned by the benchmark, so a repository {@code save} is a put
 * (no existence check) for both.
 */
@KeySpace("customers")
public class Customer {
    @Id
    private String id;
    private String name;
    @Indexed
    private String email;
    private int age;
    private Instant createdAt;

    public Customer() {
    }

    public Customer(String id, String name, String email, int age, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.age = age;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public String getEmail() { return email; }
    public int getAge() { return age; }
    public Instant getCreatedAt() { return createdAt; }
}
