package io.whalefall.tools.bench;

import io.whalefall.testing.SystemUnderTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Resident memory (VmRSS) of the service processes: now, and the peak while a phase runs. */
final class MemoryWatch implements AutoCloseable {

    private final SystemUnderTest system;
    private final Map<String, Long> peak = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    MemoryWatch(SystemUnderTest system) {
        this.system = system;
        sampler.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** Current RSS in MB per replica. */
    Map<String, Long> now() {
        Map<String, Long> rss = new LinkedHashMap<>();
        system.all().forEach(i -> rss.put(i.replica(), rssMb(i.process().pid())));
        return rss;
    }

    /** Peak RSS in MB per replica since the last reset. */
    Map<String, Long> peakAndReset() {
        Map<String, Long> result = new LinkedHashMap<>();
        system.all().forEach(i -> result.put(i.replica(), peak.getOrDefault(i.replica(), 0L)));
        peak.clear();
        return result;
    }

    private void sample() {
        system.all().forEach(i -> peak.merge(i.replica(), rssMb(i.process().pid()), Math::max));
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
