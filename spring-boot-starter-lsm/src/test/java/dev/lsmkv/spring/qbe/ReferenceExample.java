package dev.lsmkv.spring.qbe;

import dev.lsmkv.spring.qbe.domain.Address;
import dev.lsmkv.spring.qbe.domain.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.support.ExampleMatcherAccessor;

/**
 * A reference evaluator of {@code Example<Customer>}, written out property by property with plain
 * String methods: the documented lsm Query by Example semantics, independent of the store's code.
 */
public final class ReferenceExample {

    private final ExampleMatcherAccessor accessor;
    private final ExampleMatcher matcher;
    private final List<Boolean> leaves = new ArrayList<>();

    private ReferenceExample(ExampleMatcher matcher) {
        this.matcher = matcher;
        this.accessor = new ExampleMatcherAccessor(matcher);
    }

    /** True iff {@code c} matches {@code example}. */
    public static boolean matches(Customer c, Example<Customer> example) {
        ReferenceExample r = new ReferenceExample(example.getMatcher());
        Customer p = example.getProbe();
        r.value("id", p.getId(), c.getId());
        r.string("lastname", p.getLastname(), c.getLastname());
        r.string("firstname", p.getFirstname(), c.getFirstname());
        r.value("age", p.getAge(), c.getAge());
        r.value("rank", p.getRank(), c.getRank());
        r.value("status", p.getStatus(), c.getStatus());
        r.address(p.getAddress(), c.getAddress());
        r.tags(p.getTags(), c.getTags());
        r.attributes(p.getAttributes(), c.getAttributes());
        r.aliases(p.getAliases(), c.getAliases());
        // note is @Transient: never matched
        if (r.leaves.isEmpty()) {
            return true;
        }
        return r.matcher.isAllMatching() ? !r.leaves.contains(Boolean.FALSE) : r.leaves.contains(Boolean.TRUE);
    }

    private Object transform(String path, Object value) {
        Optional<Object> t = accessor.getValueTransformerForPath(path).apply(Optional.ofNullable(value));
        return t.orElse(null);
    }

    private boolean includeNulls() {
        return accessor.getNullHandler() == ExampleMatcher.NullHandler.INCLUDE;
    }

    private void value(String path, Object probe, Object actual) {
        if (accessor.isIgnoredPath(path)) {
            return;
        }
        Object v = transform(path, probe);
        if (v == null) {
            if (includeNulls()) {
                leaves.add(actual == null);
            }
            return;
        }
        leaves.add(Objects.equals(v, actual));
    }

    private void string(String path, Object probe, String actual) {
        if (accessor.isIgnoredPath(path)) {
            return;
        }
        Object v = transform(path, probe);
        if (v == null) {
            if (includeNulls()) {
                leaves.add(actual == null);
            }
            return;
        }
        String s = (String) v;
        boolean ic = accessor.isIgnoreCaseForPath(path);
        if (actual == null) {
            leaves.add(false);
            return;
        }
        String a = ic ? actual.toLowerCase(Locale.ROOT) : actual;
        String e = ic ? s.toLowerCase(Locale.ROOT) : s;
        leaves.add(switch (accessor.getStringMatcherForPath(path)) {
            case DEFAULT, EXACT -> ic ? actual.equalsIgnoreCase(s) : actual.equals(s);
            case STARTING -> a.startsWith(e);
            case ENDING -> a.endsWith(e);
            case CONTAINING -> a.contains(e);
            case REGEX -> Pattern.compile(s, ic ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0).matcher(actual).find();
        });
    }

    private void address(Address probe, Address actual) {
        if (accessor.isIgnoredPath("address")) {
            return;
        }
        Object v = transform("address", probe);
        if (v == null) {
            if (includeNulls()) {
                leaves.add(actual == null);
            }
            return;
        }
        Address a = (Address) v;
        string("address.city", a.getCity(), actual == null ? null : actual.getCity());
        string("address.street", a.getStreet(), actual == null ? null : actual.getStreet());
        string("address.zip", a.getZip(), actual == null ? null : actual.getZip());
    }

    @SuppressWarnings("unchecked")
    private void tags(List<String> probe, List<String> actual) {
        if (accessor.isIgnoredPath("tags")) {
            return;
        }
        Object v = transform("tags", probe);
        if (v == null) {
            if (includeNulls()) {
                leaves.add(actual == null);
            }
            return;
        }
        List<String> wanted = ((List<String>) v).stream().filter(Objects::nonNull).toList();
        if (wanted.isEmpty()) {
            return;
        }
        boolean ic = accessor.isIgnoreCaseForPath("tags");
        boolean all = actual != null && wanted.stream().allMatch(w -> actual.stream()
                .anyMatch(t -> ic ? w.equalsIgnoreCase(t) : w.equals(t)));
        leaves.add(all);
    }

    @SuppressWarnings("unchecked")
    private void attributes(Map<String, String> probe, Map<String, String> actual) {
        if (accessor.isIgnoredPath("attributes")) {
            return;
        }
        Object v = transform("attributes", probe);
        if (v == null) {
            if (includeNulls()) {
                leaves.add(actual == null);
            }
            return;
        }
        for (Map.Entry<String, String> e : ((Map<String, String>) v).entrySet()) {
            string("attributes." + e.getKey(), e.getValue(), actual == null ? null : actual.get(e.getKey()));
        }
    }

    private void aliases(String[] probe, String[] actual) {
        if (accessor.isIgnoredPath("aliases")) {
            return;
        }
        Object v = transform("aliases", probe);
        if (v == null && includeNulls()) {
            leaves.add(actual == null);
        }
        // a non-empty array fails the query; an empty one is skipped
    }
}
