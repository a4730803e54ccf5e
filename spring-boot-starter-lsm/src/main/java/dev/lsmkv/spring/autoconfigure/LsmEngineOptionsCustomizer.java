package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.EngineOptions;

/**
 * Callback to adjust the engine's options after the {@code lsm.*} properties were applied, for
 * settings that have no property (a clock in tests, for example). Beans of this type are applied
 * in order.
 */
@FunctionalInterface
public interface LsmEngineOptionsCustomizer {

    void customize(EngineOptions.Builder builder);
}
