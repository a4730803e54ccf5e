package dev.lsmkv.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.spring.autoconfigure.LsmProperties;
import dev.lsmkv.spring.test.autoconfigure.DataLsmTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The @DataLsmTest slice: store and repositories on a temporary directory, nothing else. */
@DataLsmTest
class DataLsmTestIntegrationTests {

    @Autowired
    ItemRepository items;

    @Autowired
    ApplicationContext context;

    @Autowired
    LsmProperties properties;

    @Test
    void sliceHasRepositoriesOnATemporaryDirectoryAndNoWebOrActuator() {
        items.save(new Item("a", "books", 12));
        assertThat(items.findByCategory("books")).containsExactly(new Item("a", "books", 12));
        assertThat(items.findByPriceGreaterThan(10)).hasSize(1);
        assertThat(context.getBeansOfType(LsmEngine.class)).hasSize(1);
        assertThat(properties.getDataDir().toString()).contains("lsm-test-");
        assertThat(context.containsBean("lsmEndpoint")).isFalse();
        assertThat(context.containsBean("lsmHealthIndicator")).isFalse();
    }
}
