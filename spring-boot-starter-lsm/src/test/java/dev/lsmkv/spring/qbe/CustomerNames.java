package dev.lsmkv.spring.qbe;

import org.springframework.beans.factory.annotation.Value;

/** An interface projection of Customer: two closed properties and an open one. */
public interface CustomerNames {

    String getFirstname();

    String getLastname();

    @Value("#{target.firstname + ' ' + target.lastname}")
    String getFullName();
}
