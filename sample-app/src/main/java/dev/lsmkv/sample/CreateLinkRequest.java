package dev.lsmkv.sample;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/links}; {@code ttlSeconds} is optional (no expiry without it). */
public record CreateLinkRequest(
        @NotBlank @HttpUrl String url,
        @NotBlank @Size(max = 100) String owner,
        @Positive @Max(10L * 366 * 24 * 3600) Long ttlSeconds) {
}
