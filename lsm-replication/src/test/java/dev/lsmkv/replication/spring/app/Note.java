package dev.lsmkv.replication.spring.app;

import org.springframework.data.annotation.Id;

/** A test entity. */
public record Note(@Id String id, String text) {
}
