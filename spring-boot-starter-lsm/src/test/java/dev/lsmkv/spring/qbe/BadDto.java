package dev.lsmkv.spring.qbe;

/** A DTO asking for a property Customer does not have. */
public record BadDto(String lastname, String nickname) {
}
