package dev.lsmkv.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a numeric field, or a no-argument method returning a number, as the entity's time to
 * live in seconds. When the value is positive, the entity and its index entries are written
 * with that engine TTL and vanish together once it has passed; a null, zero or negative value
 * falls back to the keyspace default ({@code lsm.keyspaces.<name>.time-to-live}), and without
 * one the entity never expires. The value is stored with the entity as it was when saved.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TimeToLive {
}
