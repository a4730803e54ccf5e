package dev.lsmkv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a queued writer waits for its turn: spins for at most the time it is given, then parks. */
class WriteGroupWriterTests {

    /** Runs {@code w.awaitTurn(spinNanos)} on a thread of its own, which is returned started. */
    private static Thread waiting(WriteGroup.Writer[] holder, long spinNanos, CompletableFuture<Void> returned) {
        Thread t = new Thread(() -> {
            holder[0] = new WriteGroup.Writer(new WriteBatch());
            synchronized (holder) {
                holder.notifyAll();
            }
            holder[0].awaitTurn(spinNanos);
            returned.complete(null);
        }, "queued-writer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static WriteGroup.Writer writerOf(WriteGroup.Writer[] holder) throws InterruptedException {
        synchronized (holder) {
            while (holder[0] == null) {
                holder.wait();
            }
        }
        return holder[0];
    }

    @Test
    void aSpinIsBoundedTheWriterThenParksAndStillWakesWhenDone() throws Exception {
        WriteGroup.Writer[] holder = new WriteGroup.Writer[1];
        CompletableFuture<Void> returned = new CompletableFuture<>();
        Thread t = waiting(holder, TimeUnit.MILLISECONDS.toNanos(1), returned);
        WriteGroup.Writer w = writerOf(holder);
        // a spin that never ended would keep the thread RUNNABLE; parked, it is WAITING
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        assertThat(returned).isNotDone();
        w.finish(null);
        returned.get(10, TimeUnit.SECONDS);
        assertThat(w.done).isTrue();
    }

    @Test
    void aSpinningWriterReturnsAsSoonAsItLeads() throws Exception {
        WriteGroup.Writer[] holder = new WriteGroup.Writer[1];
        CompletableFuture<Void> returned = new CompletableFuture<>();
        waiting(holder, TimeUnit.SECONDS.toNanos(30), returned); // spins far longer than the test waits
        WriteGroup.Writer w = writerOf(holder);
        Thread.sleep(20);
        assertThat(returned).isNotDone();
        w.lead();
        returned.get(10, TimeUnit.SECONDS);
        assertThat(w.lead).isTrue();
        assertThat(w.done).isFalse();
    }
}
