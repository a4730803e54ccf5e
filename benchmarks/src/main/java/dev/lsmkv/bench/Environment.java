package dev.lsmkv.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The machine a run happened on, and how busy it was: figures from a shared machine mean little
 * without the load average next to them.
 */
final class Environment {

    final String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    final int processors = Runtime.getRuntime().availableProcessors();
    final String cpu = firstLine("/proc/cpuinfo", "model name");
    final String memory = firstLine("/proc/meminfo", "MemTotal");
    final String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + " (" + System.getProperty("java.vendor") + ")";
    final String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch");
    final String jvmArgs = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    final long maxHeap = Runtime.getRuntime().maxMemory();
    final String loadBefore = loadAverage();
    String loadAfter = "";
    String finished = "";

    static Environment capture() {
        return new Environment();
    }

    void finish() {
        loadAfter = loadAverage();
        finished = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    String describe(BenchConfig config) {
        return String.format(Locale.ROOT, "db_bench: %d cpus (%s), %s, %s; load average %s; num=%d reads=%d sync_num=%d; stores %s; db %s",
                processors, cpu, java, os, loadBefore, config.num(), config.reads(), config.syncNum(), config.stores(),
                config.db());
    }

    String fileSystem(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "?";
        }
    }

    /** "1-min 5-min 15-min" from /proc/loadavg, else the JMX one-minute figure. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String firstLine(String file, String prefix) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(prefix)) {
                    int colon = line.indexOf(':');
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "?";
    }
}
