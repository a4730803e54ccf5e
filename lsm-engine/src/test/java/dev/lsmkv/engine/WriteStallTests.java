package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** A slowdown holds writes to the delayed write rate: delays grow with bytes, not with writes. */
class WriteStallTests {

    private static final long MIB = 1024 * 1024;

    private final EngineCounters counters = new EngineCounters();

    private WriteStall stall(long rate) {
        return new WriteStall(EngineOptions.builder().delayedWriteRate(rate).build(), counters, EngineEventListener.none());
    }

    @Test
    void writesGoAtTheDelayedRate() {
        WriteStall stall = stall(MIB); // 1 MiB/s: 100 KiB writes owe ~98 ms each
        ReentrantLock mutex = new ReentrantLock();
        mutex.lock();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThat(stall.slowDown(mutex, 100 * 1024)).isTrue();
                assertThat(mutex.isHeldByCurrentThread()).isTrue();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // 500 KiB at 1 MiB/s is 488 ms; sleeps never end early, a busy machine may make them late
            assertThat(millis).isBetween(480L, 5_000L);
        } finally {
            mutex.unlock();
        }
        assertThat(counters.stalls.sum()).isEqualTo(5);
        assertThat(counters.stallMicros.sum()).isGreaterThanOrEqualTo(480_000);
    }

    @Test
    void smallWritesCarryTheirDelayUntilItIsWorthASleep() {
        WriteStall stall = stall(MIB); // 100-byte writes owe ~95 µs each: about one sleep in 11
        ReentrantLock mutex = new ReentrantLock();
        mutex.lock();
        int slept = 0;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 200; i++) {
                if (stall.slowDown(mutex, 100)) {
                    slept++;
                }
            }
        } finally {
            mutex.unlock();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // 20,000 bytes at 1 MiB/s: 19 ms in total, in sleeps of at least 1 ms each
        assertThat(slept).isBetween(1, 20);
        assertThat(millis).isGreaterThanOrEqualTo(17L);
        assertThat(counters.stalls.sum()).isEqualTo(slept);
    }

    @Test
    void aFastRateLetsWritesThroughWithoutSleeping() {
        WriteStall stall = stall(1L << 40); // 1 TiB/s
        ReentrantLock mutex = new ReentrantLock();
        mutex.lock();
        try {
            for (int i = 0; i < 1_000; i++) {
                assertThat(stall.slowDown(mutex, 4096)).isFalse();
            }
        } finally {
            mutex.unlock();
        }
        assertThat(counters.stalls.sum()).isZero();
    }
}
