package dev.lsmkv.spring.app;

import dev.lsmkv.spring.Indexed;
import org.springframework.data.annotation.Id;

public record Item(@Id String id, @Indexed String category, int price) {
}
