package io.whalefall.tools.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The size of a benchmark run.
 *
 * @param instances       instances generated
 * @param databases       databases per instance
 * @param days            days of samples
 * @param restClients     concurrent collectors posting batches
 * @param batchSize       samples per REST batch
 * @param queryClients    concurrent clients of the query load
 * @param queryDuration   how long each query load runs
 * @param freshnessTrials samples timed from post to visible
 * @param metricInstances instances of the metric-window workload (series = instances × metricDatabases)
 * @param metricDatabases databases per instance of the metric-window workload
 * @param metricMinutes   minutes of points per series (one point per minute)
 * @param output          directory of the JSON results and service logs
 */
record BenchSettings(int instances, int databases, int days, int restClients, int batchSize, int queryClients,
        Duration queryDuration, int freshnessTrials, int metricInstances, int metricDatabases, int metricMinutes,
        Path output) {

    /** The issues' workloads: 200 instances × 50 databases × 365 days; 10,000 metric series × 60 minutes. */
    static BenchSettings full(Path output) {
        return new BenchSettings(200, 50, 365, 4, 10_000, 32, Duration.ofSeconds(20), 10, 200, 50, 60, output);
    }

    /** A few minutes on a laptop: 40 instances × 50 databases × 120 days; 10,000 metric series × 15 minutes. */
    static BenchSettings quick(Path output) {
        return new BenchSettings(40, 50, 120, 4, 10_000, 32, Duration.ofSeconds(10), 5, 200, 50, 15, output);
    }

    long samples() {
        return (long) instances * databases * days;
    }
}
