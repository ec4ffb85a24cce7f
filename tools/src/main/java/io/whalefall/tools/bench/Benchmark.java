package io.whalefall.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.testing.CapacityDataGenerator;
import io.whalefall.testing.SystemUnderTest;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.tools.Http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * The benchmark: starts the whole system on a private database and virtual host, and measures, each next
 * to a raw baseline from the same run — ingestion throughput (vs COPY), the backfill (vs a hand-written
 * GROUP BY), scale-out to two aggregation replicas, freshness, query latency under load (vs the same
 * SELECT in PostgreSQL) and memory. Prints a table and writes JSON; stops and drops everything it made.
 *
 * <p>Then the time-window engine for metric points: points per second into the windows (vs COPY) and a
 * 24-hour sliding-window query under load (vs SQL over the raw points).
 *
 * <p>Usage: {@code Benchmark [--quick] [--ingestion-only | --metrics-only | --queries-only] [--keep-database]}
 * (run it through {@code scripts/benchmark.sh}); {@code --ingestion-only} runs the warm-up and the ingestion
 * phase alone, for repeated runs of that figure; {@code --metrics-only} runs the metric-window phase alone;
 * {@code --queries-only} seeds query-api's read model in SQL with the full workload's daily and monthly
 * rows and runs the query phase alone; {@code --keep-database} leaves the run's database for a look at its
 * query plans (drop it by hand).
 */
public final class Benchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long FIRST_INSTANCE = 100_000;
    /** Instances of the warm-up rounds, kept apart from the measured ones. */
    private static final long FIRST_WARMUP_INSTANCE = 900_000;
    /** SQL condition selecting the measured instances ({@code ?} = first id, {@code ?} = last id). */
    private static final String MEASURED = " instance_id BETWEEN ? AND ? ";
    /** The warm-up's ingestion rounds: warm when a round's throughput is within this of the round before. */
    private static final double WARM = 0.10;
    private static final int MAX_WARMUP_ROUNDS = 6;

    private final BenchSettings settings;
    private final Console console = new Console();
    private final Report report;
    private final Http collector = new Http("collector", "collector");
    private final Http viewer = new Http("viewer", "viewer");
    private final Http admin = new Http("admin", "admin");
    private TestInfrastructure infrastructure;
    private SystemUnderTest system;
    private Database database;
    private MemoryWatch memory;
    private CpuAccounting cpu;
    private SampleData data;
    /** Where the running phase's CPU figure ends, if it ended before the phase did (see {@link #measured}). */
    private Map<String, Double> phaseCpuEnd;

    /** The phases a run measures. */
    private enum Scope {
        ALL, INGESTION, METRICS, QUERIES
    }

    private final Scope scope;
    private final boolean keepDatabase;

    private Benchmark(BenchSettings settings, Scope scope, boolean keepDatabase) {
        this.settings = settings;
        this.scope = scope;
        this.keepDatabase = keepDatabase;
        this.report = new Report(settings);
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Scope scope = options.contains("--queries-only") ? Scope.QUERIES
                : options.contains("--metrics-only") ? Scope.METRICS
                : options.contains("--ingestion-only") ? Scope.INGESTION : Scope.ALL;
        Path output = Path.of("bench-results", OffsetDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        // the seeded read model is always the full workload's: the query figures need over a million rows
        BenchSettings settings = options.contains("--quick") && scope != Scope.QUERIES ? BenchSettings.quick(output)
                : BenchSettings.full(output);
        new Benchmark(settings, scope, options.contains("--keep-database")).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(settings.output());
        console.phase(String.format("WhaleFall benchmark: %d instances x %d databases x %d days%s",
                settings.instances(), settings.databases(), settings.days(),
                scope == Scope.QUERIES ? " (query phase only, read model seeded in SQL)"
                        : String.format(" = %,d samples", settings.samples())));
        try {
            start();
            if (scope == Scope.QUERIES) {
                seedReadModel();
                measured("queries", this::queries);
            }
            if (scope == Scope.ALL || scope == Scope.INGESTION) {
                generateSamples();
                warmUp();
                measured("ingestion", this::ingestion);
            }
            if (scope == Scope.ALL) {
                measured("backfill", this::backfill);
                measured("scale_out", this::scaleOut);
                freshness();
                measured("queries", this::queries);
            }
            if (scope == Scope.ALL || scope == Scope.METRICS) {
                measured("metric_windows", new MetricWindowsPhase(settings, system, database, console, report, memory,
                        cpu, collector, viewer)::run);
            }
            report.memoryAtEnd(memory.now());
        } finally {
            stop();
        }
        report.print();
        Path json = report.write(settings.output().resolve("benchmark.json"));
        console.phase("Results written to " + json + " (service logs in " + settings.output().resolve("logs") + ")");
    }

    private interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs a phase and records the CPU seconds each part of the system spent in it: until the phase calls
     * {@link #endCpuFigure}, or else until it returns.
     */
    private void measured(String name, Phase phase) throws Exception {
        phaseCpuEnd = null;
        Map<String, Double> before = cpu.snapshot();
        phase.run();
        Map<String, Double> spent = CpuAccounting.between(before, phaseCpuEnd != null ? phaseCpuEnd : cpu.snapshot());
        console.step("CPU seconds by part: %s", spent);
        report.cpu(name, spent);
    }

    /** Ends the running phase's CPU figure here: the raw baselines that follow are not the system's work. */
    private void endCpuFigure() {
        phaseCpuEnd = cpu.snapshot();
    }

    private void start() throws Exception {
        console.phase("Starting the system on a private database and RabbitMQ virtual host");
        infrastructure = TestInfrastructure.create("ingestion", "aggregation", "sessions", "query");
        database = new Database(infrastructure);
        system = new SystemUnderTest(infrastructure, Path.of("").toAbsolutePath(), settings.output().resolve("logs"), "768m")
                .startAll();
        memory = new MemoryWatch(system);
        cpu = new CpuAccounting(system);
        report.memoryAtRest(memory.now());
        console.step("ready: %s", system.all().stream().map(i -> i.replica() + " " + i.url()).toList());
    }

    private void generateSamples() {
        LocalDate start = LocalDate.now(ZONE).minusDays(settings.days());
        console.step("generating samples %s .. %s", start, start.plusDays(settings.days() - 1L));
        data = SampleData.generate(settings, FIRST_INSTANCE, start, Http.JSON);
        console.step("%,d samples in %d REST batches (%.0f MB of JSON)", data.samples, data.restBatches.size(),
                data.restBytes() / 1e6);
        register(data);
        memory.peakAndReset();
    }

    /** query-api's read model as the full backfill would leave it, written in SQL (see {@link ReadModelSeed}). */
    private void seedReadModel() throws Exception {
        console.phase("Seeding query-api's read model in SQL (daily and monthly periods of every database)");
        double seconds = database.timed(ReadModelSeed.sql(FIRST_INSTANCE, settings.instances(), settings.databases(),
                LocalDate.now(ZONE).minusDays(settings.days()), settings.days()));
        console.step("%,d database rows in %.1f s", database.scalar("SELECT count(*) FROM query.database_period"),
                seconds);
    }

    /** Registers the instances of a data set and waits until period-aggregation knows them. */
    private void register(SampleData samples) {
        for (CapacityDataGenerator.InstanceSpec instance : samples.generator.instances()) {
            collector.send("PUT", system.url("stats-ingestion") + "/api/v1/instances/" + instance.id(), Map.of(
                    "name", instance.name(), "db_type", instance.dbType(), "host", "10.1.0.1", "port", 3306,
                    "capacity_mb", 10_000_000));
        }
        long first = samples.generator.instances().get(0).id();
        long last = first + samples.generator.instances().size() - 1;
        await().atMost(Duration.ofMinutes(2)).until(() -> database.scalar(
                "SELECT count(*) FROM aggregation.instance WHERE" + MEASURED, first, last) == last - first + 1);
    }

    /**
     * Rounds of ingestion on instances of their own until two rounds' throughputs agree within
     * {@link #WARM}, then a backfill of the first round's days, so that the services' code is compiled by the
     * JIT before anything is timed: a long-running service is measured in its steady state. One round of a
     * single batch had left the JIT compiling the ingestion path through the measured phase (the C1 and C2
     * compiler threads took 16 % of the machine's CPU samples of that phase in a {@code perf} profile).
     */
    private void warmUp() throws Exception {
        console.phase("Warm-up (not measured): ingestion rounds until two agree within 10 %, then a backfill");
        BenchSettings small = warmUpSettings();
        SampleData first = null;
        double previous = 0;
        long folded = 0;
        for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
            // each round takes older days of the same instances, so that every sample is new
            SampleData warm = SampleData.generate(small, FIRST_WARMUP_INSTANCE,
                    data.from.minusDays((long) small.days() * round), Http.JSON);
            if (first == null) {
                first = warm;
                register(warm);
            }
            long t0 = System.nanoTime();
            post(warm);
            long expected = folded + warm.samples;
            long last = FIRST_WARMUP_INSTANCE + small.instances() - 1;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> database.scalar(
                    "SELECT coalesce(sum(samples), 0) FROM aggregation.database_day WHERE" + MEASURED,
                    FIRST_WARMUP_INSTANCE, last) == expected);
            folded = expected;
            double rate = warm.samples / ((System.nanoTime() - t0) / 1e9);
            console.step("round %d: %,d samples at %,.0f samples/s", round, warm.samples, rate);
            if (previous > 0 && Math.abs(rate / previous - 1) <= WARM) {
                break;
            }
            previous = rate;
        }
        runBackfill("bench-warm-up", false, first);
        console.step("warm-up done: %,d samples ingested, %s .. %s backfilled", folded, first.from, first.to);
        memory.peakAndReset();
    }

    /**
     * A warm-up round: a quarter of the instances (at least 4), with as many days as make two batches per
     * collector, so that every collector posts more than once and the batches have the measured size.
     */
    private BenchSettings warmUpSettings() {
        int instances = Math.max(4, settings.instances() / 4);
        long perDay = (long) instances * settings.databases();
        int days = (int) Math.max(1, (2L * settings.restClients() * settings.batchSize() + perDay - 1) / perDay);
        return new BenchSettings(instances, settings.databases(), days, settings.restClients(), settings.batchSize(),
                settings.queryClients(), settings.queryDuration(), 0, 0, 0, 0, settings.output());
    }

    /** REST batches until stored and folded into period-aggregation's daily states, vs COPY. */
    private void ingestion() throws Exception {
        console.phase("Ingestion: REST batches until stored and in period-aggregation's daily states");
        long t0 = System.nanoTime();
        post(data);
        double accepted = (System.nanoTime() - t0) / 1e9;
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long folded = database.scalar("SELECT coalesce(sum(samples), 0) FROM aggregation.database_day WHERE"
                    + MEASURED, FIRST_INSTANCE, lastInstance());
            console.progress("daily states hold %,d of %,d samples", folded, data.samples);
            return folded == data.samples;
        });
        console.endProgress();
        double total = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> peak = memory.peakAndReset();
        endCpuFigure();
        console.step("COPY baseline, then the SQL floor (store and fold as two statements)");
        database.execute(BaselineSql.RAW_TABLE);
        double copy = database.copy(BaselineSql.COPY, data.csvChunks);
        database.execute(BaselineSql.FLOOR_TABLES);
        double floor = database.timed(BaselineSql.FLOOR_STORE) + database.timed(BaselineSql.FLOOR_FOLD);
        report.ingestion(data.samples, accepted, total, copy, floor, peak);
    }

    /** Posts every batch of a data set from the configured number of concurrent collectors. */
    private void post(SampleData samples) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.restClients());
        List<Future<?>> posts = new ArrayList<>();
        String url = system.url("stats-ingestion") + "/api/v1/capacity/stats";
        for (byte[] batch : samples.restBatches) {
            posts.add(pool.submit(() -> {
                collector.exchange("POST", url, batch);
                int n = sent.incrementAndGet();
                if (n % 10 == 0 || n == samples.restBatches.size()) {
                    console.progress("posted %d/%d batches", n, samples.restBatches.size());
                }
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        pool.shutdown();
        console.endProgress();
    }

    private long lastInstance() {
        return FIRST_INSTANCE + settings.instances() - 1;
    }

    /** A year (or the quick run's days) of every period type via AggregationRequested, vs a GROUP BY. */
    private void backfill() throws Exception {
        console.phase("Backfill: every period type, both levels, via AggregationRequested (range)");
        BackfillTiming timing = runBackfill("bench-backfill", false, data);
        awaitReadModel(1);
        double readModel = (System.nanoTime() - timing.startNanos()) / 1e9;
        endCpuFigure();
        long expectedRows = database.scalar("SELECT count(*) FROM query.database_period WHERE" + MEASURED,
                FIRST_INSTANCE, lastInstance());
        console.step("query-api holds %,d database rows and %,d instance rows", expectedRows, database.scalar(
                "SELECT count(*) FROM query.instance_period WHERE" + MEASURED, FIRST_INSTANCE, lastInstance()));
        Map<String, Long> peak = memory.peakAndReset();
        console.step("hand-written SQL GROUP BY baseline");
        double sql = database.timed(BaselineSql.DATABASE_LEVEL) + database.timed(BaselineSql.INSTANCE_LEVEL);
        long sqlRows = database.scalar("SELECT count(*) FROM bench.database_period");
        report.backfill(timing.seconds(), readModel, sql, expectedRows, sqlRows, peak);
    }

    /** The same backfill, forced, with one and then two aggregation replicas. */
    private void scaleOut() throws Exception {
        console.phase("Scale-out: the backfill again (force) with 1, then 2 period-aggregation replicas");
        BackfillTiming one = runBackfill("bench-one-replica", true, data);
        Map<String, Long> splitOne = split(one.runId());
        awaitReadModel(2);
        console.step("starting a second period-aggregation replica");
        system.addReplica("period-aggregation");
        BackfillTiming two = runBackfill("bench-two-replicas", true, data);
        Map<String, Long> splitTwo = split(two.runId());
        long items = database.scalar("SELECT count(*) FROM aggregation.work_item WHERE run_id = ? AND status = 'completed'",
                two.runId());
        long wrongRevisions = database.scalar("SELECT count(*) FROM aggregation.period_state WHERE" + MEASURED
                + "AND revision <> 3", FIRST_INSTANCE, lastInstance());
        awaitReadModel(3);
        // The later phases are measured with one replica, as in a run without this phase.
        system.removeReplica("period-aggregation");
        report.scaleOut(one.seconds(), splitOne, two.seconds(), splitTwo, items, wrongRevisions, memory.peakAndReset());
    }

    /** A sample posted, "aggregate current", until query-api shows it aggregated. */
    private void freshness() throws Exception {
        console.phase("Freshness: sample posted -> aggregate current -> visible in query-api");
        List<Long> ids = new ArrayList<>();
        for (int trial = 0; trial < settings.freshnessTrials(); trial++) {
            long id = FIRST_INSTANCE + 50_000 + trial;
            ids.add(id);
            collector.send("PUT", system.url("stats-ingestion") + "/api/v1/instances/" + id,
                    Map.of("name", "fresh-" + trial, "db_type", "mysql", "host", "10.2.0.1", "port", 3306));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> database.scalar(
                "SELECT count(*) FROM aggregation.instance WHERE instance_id = ANY(?)", (Object) ids.toArray(Long[]::new))
                == ids.size());
        List<Double> seconds = new ArrayList<>();
        for (long id : ids) {
            long size = 1000 + id % 1000;
            long t0 = System.nanoTime();
            collector.send("POST", system.url("stats-ingestion") + "/api/v1/capacity/stats", Map.of("databases", List.of(
                    Map.of("instance_id", id, "database_name", "fresh", "size_mb", size,
                            "collected_at", OffsetDateTime.now(ZONE).toString()))));
            admin.send("POST", system.url("query-api") + "/api/v1/capacity/aggregations/current",
                    Map.of("period_type", "daily", "scope", "instance", "instance_ids", List.of(id)));
            String url = system.url("query-api") + "/api/v1/capacity/databases?period_type=daily&instance_id=" + id;
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> viewer.get(url).path("data").path("items").path(0).path("avg_size_mb").asLong() == size);
            seconds.add((System.nanoTime() - t0) / 1e9);
            console.progress("trial %d: %.2f s", seconds.size(), seconds.get(seconds.size() - 1));
        }
        console.endProgress();
        report.freshness(seconds);
    }

    /** Databases list and summary under concurrent load, vs the same SELECTs straight in PostgreSQL. */
    private void queries() throws Exception {
        long rows = database.scalar("SELECT count(*) FROM query.database_period");
        console.phase(String.format("Queries: %d clients over %,d database aggregation rows", settings.queryClients(), rows));
        String base = system.url("query-api") + "/api/v1/capacity/databases";
        LoadClient client = new LoadClient("viewer", "viewer");
        Latencies list = LoadRunner.run(settings.queryClients(), settings.queryDuration(), random ->
                client.get(base + "?period_type=daily&page=1&limit=20&instance_id="
                        + (FIRST_INSTANCE + random.nextInt(settings.instances()))));
        console.step("list: %s", list.describe());
        Latencies summary = LoadRunner.run(settings.queryClients(), settings.queryDuration(), random ->
                client.get(base + "/summary?period_type=monthly"));
        console.step("summary: %s", summary.describe());
        Map<String, Long> peak = memory.peakAndReset();
        Latencies sqlList = LoadRunner.onConnections(database, BaselineSql.QUERY_API_SESSION, settings.queryClients(),
                settings.queryDuration(), (connection, random) -> {
                    long instance = FIRST_INSTANCE + random.nextInt(settings.instances());
                    run(connection, BaselineSql.DATABASES_PAGE, "daily", instance, "daily", instance, 20, 0L);
                });
        Latencies sqlSummary = LoadRunner.onConnections(database, BaselineSql.QUERY_API_SESSION, settings.queryClients(),
                settings.queryDuration(), (connection, random) ->
                        run(connection, BaselineSql.DATABASES_SUMMARY, "monthly", "monthly"));
        report.queries(rows, list, sqlList, summary, sqlSummary, peak);
    }

    private static void run(Connection connection, String sql, Object... parameters) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
    }

    /** Publishes a range request for the instances of a data set and waits until its session completes. */
    private BackfillTiming runBackfill(String name, boolean force, SampleData samples) throws Exception {
        String requestId = name + "-" + UUID.randomUUID();
        UUID runId = RunId.forRequest(requestId);
        long t0;
        try (TestBus bus = new TestBus(infrastructure.virtualHost())) {
            ObjectNode request = TestBus.envelope("AggregationRequested", Map.of("request_id", requestId,
                    "trigger", "external", "requested_by", "benchmark", "scope", Map.of("instance_ids",
                            samples.generator.instances().stream().map(CapacityDataGenerator.InstanceSpec::id).toList()),
                    "period_types", List.of("daily", "weekly", "monthly", "quarterly"), "mode", "range",
                    "from", samples.from.toString(), "to", samples.to.toString(), "force", force));
            t0 = System.nanoTime();
            bus.publish("whalefall.commands", "aggregation.requested", request);
        }
        // Polled in session-tracking's table, not through its API: the session's detail (every instance's
        // periods) five times a second cost session-tracking more CPU than the run's events did.
        await().atMost(Duration.ofMinutes(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Object> session = database.row(
                    "SELECT status, progress FROM sessions.sync_session WHERE session_id = ?", runId);
            String status = String.valueOf(session.get("status"));
            console.progress("session %s: %s, %s%%", runId.toString().substring(0, 8), status, session.get("progress"));
            if ("failed".equals(status)) {
                throw new IllegalStateException("backfill session " + runId + " failed");
            }
            return "completed".equals(status);
        });
        console.endProgress();
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode session = viewer.get(system.url("session-tracking") + "/api/v1/sync-sessions/" + runId
                + "/sync-details").path("data");
        if (!"completed".equals(session.path("status").asText())) {
            throw new IllegalStateException("session-tracking's API does not show the run completed: " + session);
        }
        console.step("session completed in %.1f s", seconds);
        return new BackfillTiming(runId, t0, seconds);
    }

    private record BackfillTiming(UUID runId, long startNanos, double seconds) {
    }

    /** Waits until query-api holds every period at {@code revision}. */
    private void awaitReadModel(int revision) throws Exception {
        long expected = database.scalar("SELECT count(*) FROM aggregation.period_state WHERE" + MEASURED,
                FIRST_INSTANCE, lastInstance());
        await().atMost(Duration.ofMinutes(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long applied = database.scalar("SELECT count(*) FROM query.period_revision WHERE" + MEASURED
                    + "AND revision >= ?", FIRST_INSTANCE, lastInstance(), revision);
            console.progress("query-api read model: %,d of %,d periods at revision %d", applied, expected, revision);
            return applied >= expected;
        });
        console.endProgress();
    }

    private Map<String, Long> split(UUID runId) throws Exception {
        Map<String, Long> split = new LinkedHashMap<>();
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT processed_by, count(*) FROM aggregation.work_item WHERE run_id = ? GROUP BY 1 ORDER BY 1")) {
            select.setObject(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    split.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        console.step("work items by replica: %s", split);
        return split;
    }

    private void stop() {
        console.phase("Stopping the services and dropping the private database and virtual host");
        if (memory != null) {
            memory.close();
        }
        if (system != null) {
            system.close();
        }
        if (infrastructure != null && !keepDatabase) {
            infrastructure.close();
        } else if (infrastructure != null) {
            console.step("kept database %s (DROP DATABASE %s WITH (FORCE) when done)", infrastructure.name(),
                    infrastructure.name());
        }
    }
}
