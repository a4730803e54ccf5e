package dev.lsmkv.bench.spring.customer;

import java.time.Instant;

/**
 * The customers of a run, by index: every store gets the same entities for the same index, and
 * the same seed gives the same ages. Built before any timing, so the timed loops only construct
 * entity objects from ready fields (which every store does alike).
 *
 * <p>Ids are {@code "c"} and the index in 9 digits, so sorting by id is sorting by index: the
 * paging check knows which id must come at each position.
 */
final class CustomerData {

    static final Instant CREATED_BASE = Instant.parse("2026-01-01T00:00:00Z");

    private final String[] ids;
    private final String[] names;
    private final String[] emails;
    private final Instant[] created;
    private final int[] ages;

    CustomerData(int size, long seed) {
        ids = new String[size];
        names = new String[size];
        emails = new String[size];
        created = new Instant[size];
        ages = new int[size];
        for (int i = 0; i < size; i++) {
            ids[i] = id(i);
            names[i] = "Customer " + i;
            emails[i] = "customer" + i + "@example.com";
            created[i] = CREATED_BASE.plusSeconds(i);
            ages[i] = 18 + (int) Math.floorMod(mix(seed * 0x9E3779B97F4A7C15L + i), 80L);
        }
    }

    static String id(int i) {
        if (i < 0 || i >= 1_000_000_000) {
            throw new IllegalArgumentException("index out of the 9-digit id space: " + i);
        }
        String digits = Integer.toString(i);
        return "c" + "000000000".substring(digits.length()) + digits;
    }

    int size() {
        return ids.length;
    }

    String idOf(int i) {
        return ids[i];
    }

    String nameOf(int i) {
        return names[i];
    }

    String emailOf(int i) {
        return emails[i];
    }

    Instant createdOf(int i) {
        return created[i];
    }

    /** Age as first saved; an update saves it + 1. */
    int ageOf(int i) {
        return ages[i];
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
