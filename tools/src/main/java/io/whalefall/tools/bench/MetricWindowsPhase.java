package io.whalefall.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.whalefall.testing.SystemUnderTest;
import io.whalefall.tools.Http;
import io.whalefall.windows.SeriesKey;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * The time-window engine's figures: sustained metric points per second end to end for 10,000 series (REST
 * until query-api's 1-minute, 1-hour and 1-day windows hold every point), vs COPY of
 * the same rows into a table with the raw table's key; and the latency of a 24-hour sliding-window query
 * (slide 1 h over two days of one series) under concurrent load, vs the same statistics computed by SQL
 * over the raw points.
 */
final class MetricWindowsPhase {

    private static final String THROUGHPUT_METRIC = "bench.query_latency_ms";
    private static final String HISTORY_METRIC = "bench.connections";
    private static final int HISTORY_SERIES = 10;
    private static final int HISTORY_MINUTES = 48 * 60;
    private static final int POINTS_PER_BATCH = 10_000;

    private final BenchSettings settings;
    private final SystemUnderTest system;
    private final Database database;
    private final Console console;
    private final Report report;
    private final MemoryWatch memory;
    private final CpuAccounting cpu;
    private final Http collector;
    private final Http viewer;

    MetricWindowsPhase(BenchSettings settings, SystemUnderTest system, Database database, Console console, Report report,
            MemoryWatch memory, CpuAccounting cpu, Http collector, Http viewer) {
        this.settings = settings;
        this.system = system;
        this.database = database;
        this.console = console;
        this.report = report;
        this.memory = memory;
        this.cpu = cpu;
        this.collector = collector;
        this.viewer = viewer;
    }

    void run() throws Exception {
        console.phase(String.format("Metric windows: %,d series x %d minutes, then 24 h sliding windows",
                settings.metricInstances() * settings.metricDatabases(), settings.metricMinutes()));
        MetricPointData history = MetricPointData.generate(HISTORY_METRIC, HISTORY_SERIES, 1, HISTORY_MINUTES,
                Instant.now(), POINTS_PER_BATCH, 11, Http.JSON);
        console.step("loading two days of %d series (%,d points, not timed)", HISTORY_SERIES, history.points);
        post(history, 1);
        awaitWindows(history);

        MetricPointData load = MetricPointData.generate(THROUGHPUT_METRIC, settings.metricInstances(),
                settings.metricDatabases(), settings.metricMinutes(), Instant.now(), POINTS_PER_BATCH, 7, Http.JSON);
        console.step("%,d points in %d REST batches (%.0f MB of JSON)", load.points, load.restBatches.size(),
                load.restBatches.stream().mapToLong(b -> b.length).sum() / 1e6);
        Map<String, Double> cpuBefore = cpu.snapshot();
        long t0 = System.nanoTime();
        post(load, settings.restClients());
        double accepted = (System.nanoTime() - t0) / 1e9;
        awaitWindows(load);
        double queryable = (System.nanoTime() - t0) / 1e9;
        // the phase's own CPU figure also holds the sliding-window queries: this one is the points' alone
        Map<String, Double> spent = CpuAccounting.between(cpuBefore, cpu.snapshot());
        Map<String, Long> peak = memory.peakAndReset();
        console.step("COPY baseline");
        database.execute(BaselineSql.METRIC_RAW_TABLE);
        double copy = database.copy(BaselineSql.METRIC_COPY, load.csvChunks);
        report.metricIngestion(load.series.size(), load.points, accepted, queryable, copy, peak, spent);

        sliding(history);
    }

    /** The 24-hour sliding window (slide 1 h) over the two days of one history series, vs SQL over raw points. */
    private void sliding(MetricPointData history) throws Exception {
        String base = system.url("query-api") + "/api/v1/metrics/windows?metric=" + HISTORY_METRIC
                + "&window=24h&slide=1h&from=" + encode(history.from) + "&to=" + encode(history.to) + "&label.instance=";
        int mismatches = compareWithSql(base, history);
        LoadClient client = new LoadClient("viewer", "viewer");
        Latencies api = LoadRunner.run(settings.queryClients(), settings.queryDuration(), random ->
                client.get(base + instanceOf(history.series.get(random.nextInt(HISTORY_SERIES)))));
        console.step("sliding query: %s", api.describe());
        Map<String, Long> peak = memory.peakAndReset();
        Latencies sql = LoadRunner.onConnections(database, null, settings.queryClients(), settings.queryDuration(),
                (connection, random) -> slidingSql(connection, history,
                        history.series.get(random.nextInt(HISTORY_SERIES)).id()));
        console.step("same statistics in SQL: %s", sql.describe());
        report.slidingWindows(api, sql, mismatches, peak);
    }

    /** Windows whose count differs between the API and SQL for the first history series (0 when right). */
    private int compareWithSql(String base, MetricPointData history) throws Exception {
        SeriesKey first = history.series.get(0);
        JsonNode windows = viewer.get(base + instanceOf(first)).path("data").path("groups").path(0).path("windows");
        List<long[]> expected;
        try (Connection connection = database.connect()) {
            expected = slidingSql(connection, history, first.id());
        }
        int mismatches = Math.abs(windows.size() - expected.size());
        for (int i = 0; i < Math.min(windows.size(), expected.size()); i++) {
            if (windows.get(i).path("count").asLong() != expected.get(i)[1]
                    || Instant.parse(windows.get(i).path("start").asText()).toEpochMilli() != expected.get(i)[0]) {
                mismatches++;
            }
        }
        console.step("%d sliding windows; %d differ in start or count from SQL over the raw points", windows.size(),
                mismatches);
        return mismatches;
    }

    /** Runs the baseline for one series; returns (window start in epoch ms, count) per window. */
    private static List<long[]> slidingSql(Connection connection, MetricPointData history, UUID seriesId)
            throws Exception {
        List<long[]> windows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(BaselineSql.SLIDING_WINDOWS)) {
            select.setTimestamp(1, Timestamp.from(history.from));
            select.setTimestamp(2, Timestamp.from(history.to));
            select.setObject(3, seriesId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rs.getArray(8);
                    windows.add(new long[] {rs.getTimestamp(1).getTime(), rs.getLong(2)});
                }
            }
        }
        return windows;
    }

    private static String instanceOf(SeriesKey series) {
        return series.labels().get("instance");
    }

    private void post(MetricPointData data, int clients) throws Exception {
        String url = system.url("stats-ingestion") + "/api/v1/metrics/points";
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> posts = new ArrayList<>();
        for (byte[] batch : data.restBatches) {
            posts.add(pool.submit(() -> {
                collector.exchange("POST", url, batch);
                console.progress("posted %d/%d batches", sent.incrementAndGet(), data.restBatches.size());
            }));
        }
        try {
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            pool.shutdown();
        }
        console.endProgress();
    }

    /**
     * Waits until query-api's 1-minute, 1-hour and 1-day windows of the data's metric each count every point
     * (period-aggregation keeps no windows: it announces deltas, and query-api's windows are the one stored
     * copy). Points the engine set aside as late would never be counted: the wait stops as soon as there is one.
     */
    private void awaitWindows(MetricPointData data) {
        String sql = "SELECT coalesce(sum(w.count), 0) FROM query.metric_window_%s w JOIN query.metric_series s "
                + "USING (series_id) WHERE s.metric = ? AND w.window_start >= date_trunc('day', ?::timestamptz)";
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            long fewest = Long.MAX_VALUE;
            for (String resolution : List.of("1m", "1h", "1d")) {
                fewest = Math.min(fewest, database.scalar(sql.formatted(resolution), data.metric, Timestamp.from(data.from)));
            }
            console.progress("query-api's windows (1m, 1h and 1d) hold %,d of %,d points", fewest, data.points);
            long late = database.scalar("SELECT count(*) FROM aggregation.late_metric_point WHERE metric = ?",
                    data.metric);
            if (late > 0) {
                throw new IllegalStateException(late + " points of " + data.metric
                        + " were set aside as late (their reasons are in aggregation.late_metric_point)");
            }
            return fewest == data.points;
        });
        console.endProgress();
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
