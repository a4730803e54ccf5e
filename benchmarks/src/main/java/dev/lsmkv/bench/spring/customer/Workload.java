package dev.lsmkv.bench.spring.customer;

/**
 * The workloads of the Customer benchmark, in the order the report lists them (they run in the
 * order {@link CustomerRun} gives). {@code unit} is what the figure counts per second.
 */
public enum Workload {
    SAVE("save (1 per call, new ids)", "ops/s"),
    FIND_BY_ID("findById (random existing ids)", "ops/s"),
    FIND_BY_EMAIL("findByEmail (indexed, random existing emails)", "ops/s"),
    FIND_ALL_PAGED("findAll paged by id, 100 per page (all pages)", "entities/s"),
    SAVE_ALL("saveAll (1,000 new per call)", "entities/s"),
    UPDATE("update (save of an existing entity, age changed)", "ops/s"),
    DELETE_BY_ID("deleteById (existing ids)", "ops/s"),
    COUNT_TENTH("count() at N/10", "calls/s"),
    COUNT_FULL("count() at N", "calls/s"),
    SAVE_FIND_1T("save + findById of it, 1 thread", "pairs/s"),
    SAVE_FIND_MT("save + findById of it, T threads", "pairs/s");

    final String label;
    final String unit;

    Workload(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }
}
