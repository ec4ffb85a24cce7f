package io.whalefall.tools.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Latencies of a load run and its throughput.
 *
 * @param count        requests completed
 * @param errors       requests that failed
 * @param p50Ms        median latency
 * @param p99Ms        99th percentile latency
 * @param maxMs        slowest
 * @param perSecond    completed requests per second
 * @param warmupSeconds how long the load ran before these were measured
 */
record Latencies(long count, long errors, double p50Ms, double p99Ms, double maxMs, double perSecond,
        double warmupSeconds) {

    static Latencies of(List<long[]> perClientNanos, long errors, double seconds) {
        long[] all = perClientNanos.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return new Latencies(0, errors, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        return new Latencies(all.length, errors, millis(all, 0.50), millis(all, 0.99), all[all.length - 1] / 1e6,
                all.length / seconds, 0);
    }

    /** The figures as the console shows them while a run goes on. */
    String describe() {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, %.0f req/s, %d failed (after %.0f s of warm-up)",
                p50Ms, p99Ms, perSecond, errors, warmupSeconds);
    }

    Latencies warmedUpFor(double seconds) {
        return new Latencies(count, errors, p50Ms, p99Ms, maxMs, perSecond, seconds);
    }

    private static double millis(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
