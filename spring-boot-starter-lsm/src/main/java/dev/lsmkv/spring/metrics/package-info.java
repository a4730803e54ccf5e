/**
 * A Micrometer MeterBinder publishing engine stats as lsm.* meters.
 */
package dev.lsmkv.spring.metrics;
