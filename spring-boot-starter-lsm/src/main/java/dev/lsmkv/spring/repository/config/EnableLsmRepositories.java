package dev.lsmkv.spring.repository.config;

import dev.lsmkv.spring.repository.query.LsmPartTreeQuery;
import dev.lsmkv.spring.repository.query.LsmQueryCreator;
import dev.lsmkv.spring.repository.support.LsmRepositoryFactoryBean;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.keyvalue.repository.config.QueryCreatorType;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;

/**
 * Enables lsm repositories: interfaces extending a Spring Data repository in the given packages
 * (the annotated class's package by default) persist to the {@code KeyValueTemplate} named by
 * {@link #keyValueTemplateRef()}. Spring Boot applications need it only to change the defaults;
 * declaring it turns the starter's automatic repository scanning off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(LsmRepositoriesRegistrar.class)
@QueryCreatorType(value = LsmQueryCreator.class, repositoryQueryType = LsmPartTreeQuery.class)
public @interface EnableLsmRepositories {

    /** Alias for {@link #basePackages()}. */
    String[] value() default {};

    /** Packages to scan for repository interfaces. */
    String[] basePackages() default {};

    /** Type-safe alternative to {@link #basePackages()}: the packages of these classes are scanned. */
    Class<?>[] basePackageClasses() default {};

    /** Types to exclude from scanning. */
    Filter[] excludeFilters() default {};

    /** Types to include; all repositories found by default. */
    Filter[] includeFilters() default {};

    /** Postfix of custom repository implementation classes. */
    String repositoryImplementationPostfix() default "Impl";

    /** Location of named queries (not used by lsm, kept for the framework). */
    String namedQueriesLocation() default "";

    /** How query methods are resolved. */
    Key queryLookupStrategy() default Key.CREATE_IF_NOT_FOUND;

    /** Factory bean class of each repository. */
    Class<?> repositoryFactoryBeanClass() default LsmRepositoryFactoryBean.class;

    /** Base class of repository implementations. */
    Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

    /** Bean name generator for repositories. */
    Class<? extends BeanNameGenerator> nameGenerator() default BeanNameGenerator.class;

    /** Name of the {@code KeyValueOperations} bean repositories use. */
    String keyValueTemplateRef() default "keyValueTemplate";

    /** Whether nested repository interfaces are found too. */
    boolean considerNestedRepositories() default false;
}
