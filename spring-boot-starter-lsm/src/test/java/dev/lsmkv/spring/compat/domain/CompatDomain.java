package dev.lsmkv.spring.compat.domain;

/**
 * Marker of the package scanned for repositories by the compatibility tests' Boot contexts.
 * The entities model those of Spring Data KeyValue's and Spring Data Redis' own test suites
 * (written anew here, not copied); each says which one.
 */
public final class CompatDomain {

    private CompatDomain() {
    }
}
