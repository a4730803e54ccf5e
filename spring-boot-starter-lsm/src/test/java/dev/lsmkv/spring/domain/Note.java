package dev.lsmkv.spring.domain;

import java.util.UUID;
import org.springframework.data.annotation.Id;

/** An immutable entity (record) whose id is generated on insert. */
public record Note(@Id UUID id, String text) {
}
