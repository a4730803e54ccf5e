/**
 * The store: LsmKeyValueAdapter over the engine, the key layout (LsmKeys, OrderedCodec), entity codecs, and the package-private index planner and query engine. Uses the engine API and Spring Data KeyValue only.
 */
package dev.lsmkv.spring.core;
