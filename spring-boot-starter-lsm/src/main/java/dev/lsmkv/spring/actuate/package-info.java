/**
 * The lsm actuator endpoint and health indicator. No auto-configuration here.
 */
package dev.lsmkv.spring.actuate;
