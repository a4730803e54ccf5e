package dev.lsmkv.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A link shortener with expiring links. Storage is lsmkv through spring-boot-starter-lsm alone:
 * the repositories in this package need no annotation, the engine is configured by {@code lsm.*}
 * in application.yaml, and {@code /actuator/lsm} feeds the status page at {@code /}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
