package dev.lsmkv.spring.repository;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.support.InMemoryLsmEngine;
import java.time.Duration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Repository behaviour over the in-memory engine double (runs without the real engine). */
class InMemoryEngineRepositoryTests extends AbstractRepositoryTests {

    private final InMemoryLsmEngine.MutableClock clock = new InMemoryLsmEngine.MutableClock();
    private final InMemoryLsmEngine engine = new InMemoryLsmEngine(clock);

    @Override
    ApplicationContextRunner runner() {
        // the engine bean is shared by every context of a test; a user bean has no destroy method inferred
        return baseRunner().withBean(LsmEngine.class, () -> engine, bd -> bd.setDestroyMethodName(""));
    }

    @Override
    void advanceClock(Duration d) {
        clock.advance(d);
    }
}
