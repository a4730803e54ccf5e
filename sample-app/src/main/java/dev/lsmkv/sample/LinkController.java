package dev.lsmkv.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The shortener's HTTP API. Paths are fixed (docs and outside checks rely on them):
 * {@code POST /api/links}, {@code GET /api/links/{code}}, {@code GET /api/links?owner=},
 * {@code DELETE /api/links/{code}} and {@code GET /r/{code}}.
 */
@RestController
public class LinkController {

    static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> SORTABLE = Set.of("code", "url", "createdAt", "clicks", "expiresAt");

    private final LinkService service;

    public LinkController(LinkService service) {
        this.service = service;
    }

    @PostMapping("/api/links")
    public ResponseEntity<LinkView> create(@Valid @RequestBody CreateLinkRequest request) {
        Link link = service.create(HttpUrl.Validator.toAscii(request.url().trim()), request.owner().trim(), request.ttlSeconds());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/links/{code}").buildAndExpand(link.getCode()).toUri();
        return ResponseEntity.created(location).body(LinkView.of(link));
    }

    @GetMapping("/api/links/{code}")
    public LinkView get(@PathVariable String code) {
        return service.find(code).map(LinkView::of).orElseThrow(() -> new LinkNotFoundException(code));
    }

    @GetMapping("/api/links")
    public PageView<LinkView> byOwner(@RequestParam(required = false) String owner,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            HttpServletRequest request) {
        // read raw: Spring would split "clicks,desc" into two list elements
        String[] sort = request.getParameterValues("sort");
        if (owner == null || owner.isBlank()) {
            throw new BadRequestException("owner", "owner is required");
        }
        if (page < 0) {
            throw new BadRequestException("page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return PageView.of(service.byOwner(owner.trim(), page, size, parseSort(sort == null ? List.of() : List.of(sort))), LinkView::of);
    }

    @DeleteMapping("/api/links/{code}")
    public ResponseEntity<Void> delete(@PathVariable String code) {
        if (!service.delete(code)) {
            throw new LinkNotFoundException(code);
        }
        return ResponseEntity.noContent().build();
    }

    /** Recent click events of a link (kept for the clicks keyspace's default time to live). */
    @GetMapping("/api/links/{code}/clicks")
    public List<ClickEvent> clicks(@PathVariable String code,
            @RequestParam(defaultValue = "20") int size) {
        service.find(code).orElseThrow(() -> new LinkNotFoundException(code));
        return service.recentClicks(code, Math.max(1, Math.min(size, MAX_PAGE_SIZE)));
    }

    /**
     * Follows a short link: 302 to the target, and the click is counted. A HEAD request (link
     * checkers, previews) gets the same answer without a click: only GET counts.
     */
    @GetMapping("/r/{code}")
    public ResponseEntity<Void> follow(@PathVariable String code, HttpMethod method,
            @RequestHeader(value = HttpHeaders.REFERER, required = false) String referrer,
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        Link link = (HttpMethod.GET.equals(method) ? service.click(code, referrer, userAgent) : service.find(code))
                .orElseThrow(() -> new LinkNotFoundException(code));
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(link.getUrl()))
                .cacheControl(CacheControl.noStore()) // every visit must reach us to be counted
                .build();
    }

    /** Parses Spring Data style {@code sort=property[,asc|desc]} parameters; default newest first. */
    static Sort parseSort(List<String> params) {
        if (params == null || params.isEmpty()) {
            return Sort.by(Sort.Direction.DESC, "createdAt");
        }
        List<Sort.Order> orders = new ArrayList<>();
        for (String param : params) {
            String[] parts = param.split(",");
            String property = parts[0].trim();
            if (!SORTABLE.contains(property)) {
                throw new BadRequestException("sort", "cannot sort by '" + property + "'; use one of "
                        + new java.util.TreeSet<>(SORTABLE));
            }
            Sort.Direction direction = Sort.Direction.ASC;
            if (parts.length > 1) {
                String d = parts[1].trim().toLowerCase(Locale.ROOT);
                if (d.equals("desc")) {
                    direction = Sort.Direction.DESC;
                } else if (!d.equals("asc")) {
                    throw new BadRequestException("sort", "sort direction must be asc or desc, not '" + parts[1] + "'");
                }
            }
            orders.add(new Sort.Order(direction, property));
        }
        return Sort.by(orders);
    }
}
