package dev.lsmkv.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample itself, under {@code sample.}.
 *
 * @param demoLinks generated links to load in the background after start-up (0: none), so the
 *        status page has a tree to show; e.g. {@code --sample.demo-links=30000}. Skipped when demo
 *        links are already stored.
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("0") int demoLinks) {
}
