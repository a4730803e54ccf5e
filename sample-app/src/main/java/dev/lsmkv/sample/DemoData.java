package dev.lsmkv.sample;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads {@code sample.demo-links} generated links in the background once the application is
 * ready, through the same service as the API: some expire after a few minutes, some get clicks
 * (rewriting the link and adding click events), so flushes and compactions have real work and
 * the status page shows several levels filling up.
 */
@Component
public class DemoData {

    static final String[] OWNERS = {"demo-alice", "demo-bob", "demo-carol", "demo-dave", "demo-erin"};
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final SampleProperties properties;
    private final LinkService service;
    private final LinkRepository links;
    private volatile ExecutorService workers;

    public DemoData(SampleProperties properties, LinkService service, LinkRepository links) {
        this.properties = properties;
        this.service = service;
        this.links = links;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        int n = properties.demoLinks();
        if (n <= 0) {
            return;
        }
        if (links.countByOwner(OWNERS[0]) > 0) {
            log.info("Demo links already stored (owner {}); not loading more", OWNERS[0]);
            return;
        }
        log.info("Loading {} demo links in the background; watch the tree grow at /", n);
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-data");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int index = i;
            workers.execute(() -> {
                try {
                    createOne(index);
                    int d = done.incrementAndGet();
                    if (d % 10_000 == 0 || d == n) {
                        log.info("Demo data: {}/{} links in {} ms", d, n, (System.nanoTime() - start) / 1_000_000);
                    }
                } catch (RuntimeException e) {
                    log.debug("Demo link {} not written: {}", index, e.toString());
                }
            });
        }
        workers.shutdown();
    }

    private void createOne(int i) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String owner = OWNERS[i % OWNERS.length];
        String url = "https://example.com/articles/" + i + "/" + Long.toString(random.nextLong(1L << 40), 36)
                + "?utm_source=demo&ref=" + owner;
        Long ttl = i % 5 == 0 ? Long.valueOf(120 + random.nextInt(600)) : null;
        Link link = service.create(url, owner, ttl);
        if (i % 4 == 0) {
            int clicks = 1 + random.nextInt(3);
            for (int c = 0; c < clicks; c++) {
                service.click(link.getCode(), "https://news.example.org/", "demo-data/1.0");
            }
        }
    }

    /** Stops loading on shutdown, before the engine closes. */
    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        ExecutorService w = workers;
        if (w != null) {
            w.shutdownNow();
            w.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
