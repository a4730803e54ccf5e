package dev.lsmkv.spring.qbe.domain;

public enum Status {
    ACTIVE, SUSPENDED, CLOSED
}
