package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class EngineOptionsTests {

    @Test
    void defaultOpenFilesIsHalfTheDescriptorLimitWithinBounds() {
        assertThat(EngineOptions.maxOpenFilesFor(20_000)).isEqualTo(10_000);
        assertThat(EngineOptions.maxOpenFilesFor(1_048_576)).isEqualTo(524_288);
        assertThat(EngineOptions.maxOpenFilesFor(256)).isEqualTo(128);
        assertThat(EngineOptions.maxOpenFilesFor(64)).isEqualTo(100);
        assertThat(EngineOptions.maxOpenFilesFor(Long.MAX_VALUE)).isEqualTo(1_000_000);
        assertThat(EngineOptions.maxOpenFilesFor(-1)).isEqualTo(1000);
        assertThat(EngineOptions.maxOpenFilesFor(0)).isEqualTo(1000);
    }

    @Test
    void builderDefaultTakesTheProcessDescriptorLimit() {
        int expected = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? EngineOptions.maxOpenFilesFor(unix.getMaxFileDescriptorCount()) : 1000;
        assertThat(EngineOptions.defaultMaxOpenFiles()).isEqualTo(expected);
        assertThat(EngineOptions.builder().build().maxOpenFiles()).isEqualTo(expected);
        assertThat(EngineOptions.builder().maxOpenFiles(50).build().maxOpenFiles()).isEqualTo(50);
    }
}
