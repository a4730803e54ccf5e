package dev.lsmkv.spring.qbe.domain;

import dev.lsmkv.spring.Indexed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * The Query by Example test entity: indexed and unindexed properties, a primitive, a nullable
 * wrapper, an enum, a nested object, a collection (empty by default), a map (empty by default), an
 * array and a transient property.
 */
@KeySpace("qbe_customers")
public class Customer {

    @Id
    private Long id;
    @Indexed
    private String lastname;
    private String firstname;
    @Indexed
    private int age;
    private Integer rank;
    @Indexed
    private Status status;
    private Address address;
    @Indexed
    private List<String> tags = new ArrayList<>();
    private Map<String, String> attributes = new LinkedHashMap<>();
    private String[] aliases;
    @Transient
    private String note;

    public Customer() {
    }

    public Customer(Long id, String firstname, String lastname, int age) {
        this.id = id;
        this.firstname = firstname;
        this.lastname = lastname;
        this.age = age;
    }

    /** A probe: no id, no age (0), nothing else set. */
    public static Customer probe() {
        return new Customer();
    }

    public Long getId() { return id; }
    public Customer setId(Long id) { this.id = id; return this; }
    public String getLastname() { return lastname; }
    public Customer setLastname(String lastname) { this.lastname = lastname; return this; }
    public String getFirstname() { return firstname; }
    public Customer setFirstname(String firstname) { this.firstname = firstname; return this; }
    public int getAge() { return age; }
    public Customer setAge(int age) { this.age = age; return this; }
    public Integer getRank() { return rank; }
    public Customer setRank(Integer rank) { this.rank = rank; return this; }
    public Status getStatus() { return status; }
    public Customer setStatus(Status status) { this.status = status; return this; }
    public Address getAddress() { return address; }
    public Customer setAddress(Address address) { this.address = address; return this; }
    public List<String> getTags() { return tags; }
    public Customer setTags(List<String> tags) { this.tags = tags; return this; }
    public Map<String, String> getAttributes() { return attributes; }
    public Customer setAttributes(Map<String, String> attributes) { this.attributes = attributes; return this; }
    public String[] getAliases() { return aliases; }
    public Customer setAliases(String[] aliases) { this.aliases = aliases; return this; }
    public String getNote() { return note; }
    public Customer setNote(String note) { this.note = note; return this; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Customer c && Objects.equals(id, c.id) && Objects.equals(lastname, c.lastname)
                && Objects.equals(firstname, c.firstname) && age == c.age && Objects.equals(rank, c.rank)
                && status == c.status && Objects.equals(address, c.address) && Objects.equals(tags, c.tags)
                && Objects.equals(attributes, c.attributes) && Arrays.equals(aliases, c.aliases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, lastname, firstname, age);
    }

    @Override
    public String toString() {
        return "Customer{" + id + "," + firstname + " " + lastname + "," + age + ",rank=" + rank + "," + status + ","
                + address + ",tags=" + tags + ",attrs=" + attributes + "}";
    }
}
