/**
 * @EnableLsmRepositories, its registrar and repository configuration extension.
 */
package dev.lsmkv.spring.repository.config;
