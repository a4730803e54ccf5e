package dev.lsmkv.spring.qbe;

/** A DTO projection of Customer (a record whose components are Customer properties). */
public record CustomerDto(Long id, String lastname, int age) {
}
