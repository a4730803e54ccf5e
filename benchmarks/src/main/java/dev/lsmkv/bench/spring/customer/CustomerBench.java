package dev.lsmkv.bench.spring.customer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * The Spring-level benchmark of the "Customer" issue: N {@code Customer} entities (String id,
 * name, {@code @Indexed} email, int age, Instant createdAt) through one
 * {@code ListCrudRepository} + {@code ListPagingAndSortingRepository} per store, on the map
 * store, Spring Data JDBC on an H2 file ({@code WRITE_DELAY=0}), and the lsm starter with
 * {@code lsm.sync-mode=always} and {@code none}.
 *
 * <p>One JVM per store: this runner starts {@code java <--jvm_args> -cp <its own class path>
 * CustomerBench ... --child_store=X --dir=<fresh temp dir>} for each store in turn, with the same
 * N and seed, reads the results the child prints (one line per workload; everything else it
 * prints is echoed with the store's name in front), kills a child still running after
 * {@code --store_max_seconds} (its missing workloads: "did not finish"), deletes the store's
 * directory, and writes one Markdown section (figures, targets as PASS/MISS, checks) to
 * {@code --out}. What each store's JVM does: {@link CustomerRun}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.lsmkv.bench.spring.customer.CustomerBench --num=100000 --out=target/customer_bench.md};
 * DbBench runs it at the end with {@code --customer_num} and appends the section to its report.
 */
public final class CustomerBench {

    private CustomerBench() {
    }

    /** One store's JVM: its outcomes, info lines and how it ended. */
    record StoreRun(String store, Map<Workload, Outcome> outcomes, Map<String, String> info, double wallSeconds,
                    String ended) {
    }

    public static void main(String[] args) throws IOException {
        CustomerOptions o = CustomerOptions.parse(args);
        if (o.childStore() != null) {
            try {
                CustomerRun.child(o);
            } catch (Throwable e) {
                CustomerRun.info("error", e.toString());
                e.printStackTrace(System.out);
                System.out.flush();
                System.exit(1);
            }
            System.out.flush();
            System.exit(0); // no lingering non-daemon threads of a store keep the JVM up
        }
        String report = runAndReport(o);
        Path out = o.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("report written to " + o.out());
    }

    /** Runs every store in its own JVM, one after the other, and returns the Markdown section. */
    public static String runAndReport(CustomerOptions o) throws IOException {
        String started = now();
        String loadStart = loadAverage();
        System.out.println("CustomerBench: N=" + o.num() + ", stores " + o.stores() + ", seed " + o.seed()
                + "; load average " + loadStart);
        Files.createDirectories(o.dir());
        List<StoreRun> runs = new ArrayList<>();
        for (String store : o.stores()) {
            runs.add(runStore(o, store));
        }
        String loadEnd = loadAverage();
        System.out.println("CustomerBench: done; load average " + loadEnd);
        return CustomerReport.markdown(o, runs, started, now(), loadStart, loadEnd);
    }

    private static StoreRun runStore(CustomerOptions o, String store) throws IOException {
        Path storeDir = Files.createTempDirectory(o.dir(), "customer-bench-" + store + "-");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(o.jvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CustomerBench.class.getName());
        cmd.addAll(o.childArgs(store, storeDir));
        System.out.println("[" + store + "] " + String.join(" ", cmd));
        Map<Workload, Outcome> outcomes = Collections.synchronizedMap(new EnumMap<>(Workload.class));
        Map<String, String> info = Collections.synchronizedMap(new LinkedHashMap<>());
        long t0 = System.nanoTime();
        String ended;
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(Outcome.PREFIX)) {
                        Outcome r = Outcome.parse(line);
                        outcomes.put(r.workload(), r);
                    } else if (line.startsWith(CustomerRun.INFO_PREFIX)) {
                        String[] kv = line.substring(CustomerRun.INFO_PREFIX.length()).split("\t", 2);
                        info.put(kv[0], kv.length > 1 ? kv[1] : "");
                    } else {
                        System.out.println("[" + store + "] " + line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("[" + store + "] output not read to the end: " + e);
            }
        }, "customer-bench-" + store + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (process.waitFor(o.storeMaxSeconds(), TimeUnit.SECONDS)) {
                int code = process.exitValue();
                ended = code == 0 ? null : "its JVM exited with code " + code
                        + (info.containsKey("error") ? " (" + info.get("error") + ")" : "");
            } else {
                ended = "its JVM was killed at --store_max_seconds=" + o.storeMaxSeconds();
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + store + " ran", e);
        } finally {
            FileSystemUtils.deleteRecursively(storeDir);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<Workload, Outcome> all = new EnumMap<>(Workload.class);
        synchronized (outcomes) {
            all.putAll(outcomes);
        }
        for (Workload w : Workload.values()) {
            all.computeIfAbsent(w, x -> Outcome.notRun(x,
                    "did not finish: " + (ended != null ? ended : "its JVM ended without reporting it")));
        }
        Map<String, String> infoCopy;
        synchronized (info) {
            infoCopy = new LinkedHashMap<>(info);
        }
        System.out.printf(Locale.ROOT, "[%s] finished in %.0f s%s; directory %s removed%n", store, seconds,
                ended == null ? "" : " (" + ended + ")", storeDir);
        return new StoreRun(store, all, infoCopy, seconds, ended);
    }

    /** "1-min 5-min 15-min" from /proc/loadavg, else the JMX one-minute figure. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String now() {
        return ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
