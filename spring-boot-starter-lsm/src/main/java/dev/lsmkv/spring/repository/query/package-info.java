/**
 * Derived queries: a query creator producing inspectable LsmCriteria and a part-tree query with Slice, Page and Stream fixes.
 */
package dev.lsmkv.spring.repository.query;
