package dev.lsmkv.spring.empty;

/** A package with no repositories, for scanning tests. */
public final class EmptyMarker {
}
