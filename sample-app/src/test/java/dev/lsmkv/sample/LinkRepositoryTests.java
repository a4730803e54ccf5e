package dev.lsmkv.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsmkv.spring.test.autoconfigure.DataLsmTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The repositories alone, in the starter's @DataLsmTest slice (temporary data directory, no web). */
@DataLsmTest
class LinkRepositoryTests {

    @Autowired
    LinkRepository links;

    @Test
    void findByOwnerPagesAndSortsThroughTheIndex() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 7; i++) {
            links.save(new Link("p" + i, "https://example.com/" + i, "paula", t.plusSeconds(i), null));
        }
        links.save(new Link("q0", "https://example.com/q", "quentin", t, null));

        Page<Link> page = links.findByOwner("paula", PageRequest.of(1, 3, Sort.by(Sort.Direction.DESC, "createdAt")));
        assertThat(page.getTotalElements()).isEqualTo(7);
        assertThat(page.getTotalPages()).isEqualTo(3);
        assertThat(page.getContent()).extracting(Link::getCode).containsExactly("p3", "p2", "p1");
        assertThat(links.countByOwner("quentin")).isEqualTo(1);
    }

    @Test
    void savingAgainDoesNotExtendTheTimeToLive() throws Exception {
        Link link = links.save(new Link("ttl0001", "https://example.com/t", "tina", Instant.now(), 2L));
        Thread.sleep(1000);
        link.click();
        links.save(link); // as a click does: the engine TTL is what is left until expiresAt
        assertThat(links.findById("ttl0001")).get().extracting(Link::getClicks).isEqualTo(1L);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), link.getExpiresAt()).toMillis()) + 300);
        assertThat(links.findById("ttl0001")).isEmpty();
        assertThat(links.findByOwner("tina", PageRequest.of(0, 10)).getTotalElements()).isZero();
    }
}
