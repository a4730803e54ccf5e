/**
 * The @DataLsmTest test slice.
 */
package dev.lsmkv.spring.test.autoconfigure;
