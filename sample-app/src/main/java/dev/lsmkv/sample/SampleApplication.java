package dev.lsmkv.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A link shortener with expiring links. Storage is lsmkv through spring-boot-starter-lsm alone:
 * the repositories in this package need no annotation, the engine is configured by {@code lsm.*}
 * in application.yaml, and {@code /actuator/lsm} feeds the status page at {@code /}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    /** Tomcat's own error pages (requests Spring never sees) as problem+json too. */
    @Bean
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorReportValve() {
        return ProblemJsonErrorReportValve.installer();
    }

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
