package dev.lsmkv.spring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for lsm repositories, like {@code @DataRedisTest}: only the lsm store (engine,
 * adapter, template) and repositories are configured, no other auto-configuration and no other
 * components, and the engine lives in a fresh temporary directory that is deleted when the
 * context closes (unless {@code lsm.data-dir} is set in {@link #properties()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataLsmTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataLsmTypeExcludeFilter.class)
@AutoConfigureDataLsm
@ImportAutoConfiguration
public @interface DataLsmTest {

    /** Properties in form {@literal key=value} added to the environment before the test runs. */
    String[] properties() default {};

    /** Whether the default filters (none but repositories) apply to component scanning. */
    boolean useDefaultFilters() default true;

    /** Extra components to include in the application context. */
    Filter[] includeFilters() default {};

    /** Components to leave out of the application context. */
    Filter[] excludeFilters() default {};

    /** Auto-configurations to leave out. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
