/**
 * Repository factory bean of the lsm store.
 */
package dev.lsmkv.spring.repository.support;
