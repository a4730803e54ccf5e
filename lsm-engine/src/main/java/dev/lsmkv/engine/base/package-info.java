/**
 * The vocabulary every layer shares: internal keys (user key + sequence + kind), their order,
 * the TTL value header, the internal iterator interface, file numbers and names.
 * Internal, no compatibility promise.
 */
package dev.lsmkv.engine.base;
