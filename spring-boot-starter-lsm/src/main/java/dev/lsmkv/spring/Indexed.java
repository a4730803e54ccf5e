package dev.lsmkv.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property whose values get secondary-index entries, so derived queries on it read the
 * index instead of scanning the keyspace. Index entries are written in the same engine batch as
 * the entity, so they are never out of step with it.
 *
 * <p>Equality queries work for every simple type. Range queries ({@code GreaterThan},
 * {@code Between}, {@code Before}, ...) use the index for numbers, strings, booleans, enums,
 * {@code UUID} and the {@code java.time} types and {@code java.util.Date}, whose encodings keep
 * their natural order; other types fall back to a scan. For a collection property every element
 * is indexed. Null values are not indexed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.ANNOTATION_TYPE})
public @interface Indexed {
}
