package dev.lsmkv.engine;

import java.nio.file.Path;

/** Orchestration: being built in this change. */
final class DbImpl {
    private DbImpl() {
    }

    static LsmEngine open(Path dir, EngineOptions options) {
        throw new LsmException("engine orchestration is being built");
    }
}
