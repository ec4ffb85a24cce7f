package io.whalefall.tools.bench;

import io.whalefall.testing.SystemUnderTest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds spent by each part of the system (every service replica, PostgreSQL's processes, RabbitMQ's
 * Erlang VM, and this benchmark's own process, which generates the load) between two snapshots, read from
 * /proc: on a 2-core machine the parts compete for the same cores, so where the CPU goes says what to make
 * cheaper, and how much of it the load generator takes from the system it measures.
 */
final class CpuAccounting {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final SystemUnderTest system;

    CpuAccounting(SystemUnderTest system) {
        this.system = system;
    }

    /** Cumulative CPU seconds per part, now. */
    Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        system.all().forEach(i -> seconds.put(i.replica(), cpuSeconds(i.process().pid(), false)));
        double postgres = 0;
        double rabbit = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String command = command(process);
                if (command.startsWith("postgres")) {
                    // with the postmaster's reaped children: a backend that ended between two snapshots
                    postgres += cpuSeconds(Long.parseLong(process.getFileName().toString()), true);
                } else if (command.startsWith("beam")) {
                    rabbit += cpuSeconds(Long.parseLong(process.getFileName().toString()), false);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: report what we have
        }
        seconds.put("postgresql", postgres);
        seconds.put("rabbitmq", rabbit);
        seconds.put("load generator", cpuSeconds(ProcessHandle.current().pid(), false));
        return seconds;
    }

    /** CPU seconds per part between two snapshots. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((part, seconds) -> delta.put(part, Math.round((seconds - before.getOrDefault(part, 0.0)) * 10) / 10.0));
        return delta;
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A process's CPU seconds; with {@code reapedChildren}, also those of the children it has waited for
     * (the services are this process's children, so only PostgreSQL's postmaster is asked for them).
     */
    private static double cpuSeconds(long pid, boolean reapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[11], [12] = utime, stime; [13], [14] = cutime, cstime (the 14th to 17th fields of /proc/pid/stat)
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (reapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
