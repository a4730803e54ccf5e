package dev.lsmkv.sample;

import java.time.Instant;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A link as the API shows it. */
public record LinkView(String code, String shortUrl, String url, String owner, Instant createdAt,
        long clicks, Long ttlSeconds, Instant expiresAt) {

    static LinkView of(Link link) {
        String shortUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/r/{code}").buildAndExpand(link.getCode()).toUriString();
        return new LinkView(link.getCode(), shortUrl, link.getUrl(), link.getOwner(), link.getCreatedAt(),
                link.getClicks(), link.getTtlSeconds(), link.getExpiresAt());
    }
}
