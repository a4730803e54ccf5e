/**
 * Spring Boot auto-configuration and the lsm.* properties. Nothing imports this package.
 */
package dev.lsmkv.spring.autoconfigure;
