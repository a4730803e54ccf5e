package dev.lsmkv.spring.compat.domain;

import java.math.BigInteger;
import java.util.Objects;
import org.springframework.data.annotation.Id;

/** An entity with a BigInteger id (an account number). */
public class Account {

    @Id
    private BigInteger number;
    private String owner;

    public Account() {
    }

    public Account(BigInteger number, String owner) {
        this.number = number;
        this.owner = owner;
    }

    public BigInteger getNumber() {
        return number;
    }

    public String getOwner() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account a && Objects.equals(number, a.number) && Objects.equals(owner, a.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, owner);
    }

    @Override
    public String toString() {
        return "Account{" + number + "}";
    }
}
