package dev.lsmkv.spring.compat.domain;

import java.util.UUID;
import org.springframework.data.annotation.Id;

/** An immutable entity (a record) whose UUID id is generated on insert. */
public record Note(@Id UUID id, String text) {
}
