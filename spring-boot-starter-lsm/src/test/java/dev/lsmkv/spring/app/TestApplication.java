package dev.lsmkv.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal application: the starter, one entity, one repository interface, nothing else. */
@SpringBootApplication
public class TestApplication {
}
