package io.whalefall.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.testing.CapacityDataGenerator;
import io.whalefall.testing.SystemUnderTest;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault test (issue 14): a steady flow of samples (REST batches and {@code StatsCollected} messages) and
 * aggregation requests while each service is SIGKILLed and restarted, then PostgreSQL and then RabbitMQ are
 * down for longer than the inbox's redelivery backoff takes to reach the broker's delivery limit. Afterwards
 * every accepted sample is stored once and counted once in the daily states and period aggregations, no
 * valid message is dead-lettered, every session has ended and every outbox is empty.
 *
 * <p>Runs only against the private servers of {@code ./scripts/fault-test.sh}, which it stops and starts
 * through {@code scripts/lib/fault-servers.sh}; the machine's shared servers are never touched. Durations
 * come from the environment ({@code WHALEFALL_FAULT_OUTAGE}, {@code _PAUSE}, {@code _SETTLE}, ISO-8601).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemFaultIT {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("whalefall.repository.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = REPOSITORY.resolve("e2e-tests/target/fault-logs");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> SCHEMAS = List.copyOf(SystemUnderTest.SCHEMAS.values());
    private static final int DAYS = 365;

    private final Duration outage = setting("WHALEFALL_FAULT_OUTAGE", Duration.ofMinutes(3).plusSeconds(30));
    private final Duration pause = setting("WHALEFALL_FAULT_PAUSE", Duration.ofSeconds(20));
    private final Duration settle = setting("WHALEFALL_FAULT_SETTLE", Duration.ofMinutes(6));
    private final Duration pace = setting("WHALEFALL_FAULT_PACE", Duration.ofSeconds(1));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalDate firstDay = LocalDate.now(ZONE).minusDays(DAYS - 1);
    private final CapacityDataGenerator generator = new CapacityDataGenerator(new CapacityDataGenerator.Settings(
            14, 1401, 6, 6, firstDay, DAYS, 0.05, 0.2, 0.5));

    private TestInfrastructure infrastructure;
    private SystemUnderTest services;
    private ScheduledExecutorService flows;
    private final List<java.util.concurrent.ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheSystem() {
        String faultDir = System.getenv("FAULT_DIR");
        if (faultDir == null || faultDir.isBlank()) {
            throw new IllegalStateException("the fault test stops and starts its servers: run it with ./scripts/fault-test.sh");
        }
        infrastructure = TestInfrastructure.create(SCHEMAS.toArray(String[]::new));
        services = new SystemUnderTest(infrastructure, REPOSITORY, LOGS, "256m").startAll();
        flows = Executors.newScheduledThreadPool(3);
    }

    @AfterAll
    void stopTheSystem() {
        if (flows != null) {
            flows.shutdownNow();
        }
        if (services != null) {
            services.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
        log.forEach(System.out::println);
    }

    @Test
    void noSampleIsLostOrCountedTwiceAndNoGoodMessageIsDeadLetteredThroughCrashesAndOutages() throws Exception {
        for (CapacityDataGenerator.InstanceSpec instance : generator.instances()) {
            registerInstance(instance);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("aggregation.instance") == generator.instances().size());

        List<Batch> batches = batches();
        Flow rest = new Flow("REST", batches.stream().filter(b -> b.index() % 2 == 0).toList(), this::postBatch);
        Flow bus = new Flow("bus", batches.stream().filter(b -> b.index() % 2 == 1).toList(), this::publishBatch);
        Requests requests = new Requests();
        scheduled.add(flows.scheduleWithFixedDelay(rest::tick, 0, pace.toMillis(), TimeUnit.MILLISECONDS));
        scheduled.add(flows.scheduleWithFixedDelay(bus::tick, 0, pace.toMillis(), TimeUnit.MILLISECONDS));
        scheduled.add(flows.scheduleWithFixedDelay(requests::tick, 5, 15, TimeUnit.SECONDS));
        Instant started = Instant.now();

        keepFlowing(pause, rest, bus);
        for (String service : SystemUnderTest.SCHEMAS.keySet()) {
            Instant at = Instant.now();
            services.killAndRestart(service);
            note("SIGKILLed %s and restarted it in %d s", service, Duration.between(at, Instant.now()).toSeconds());
            keepFlowing(pause, rest, bus);
        }
        server("postgres", "stop");
        note("PostgreSQL stopped (immediate) for %s", outage);
        keepFlowing(outage, rest, bus);
        server("postgres", "start");
        note("PostgreSQL started");
        keepFlowing(pause, rest, bus);
        server("rabbitmq", "stop");
        note("RabbitMQ stopped for %s", outage);
        keepFlowing(outage, rest, bus);
        server("rabbitmq", "start");
        note("RabbitMQ started");
        keepFlowing(pause, rest, bus);

        rest.finish();
        bus.finish();
        requests.finish();
        await().atMost(Duration.ofMinutes(3)).until(() -> rest.done() && bus.done() && requests.done());
        note("flow stopped after %d s: %d REST batches (%d attempts failed), %d bus batches (%d attempts failed), %d aggregation requests accepted",
                Duration.between(started, Instant.now()).toSeconds(), rest.sent(), rest.failures.get(), bus.sent(),
                bus.failures.get(), requests.sessions.size());

        awaitSettled();
        List<Batch> sent = new ArrayList<>(rest.accepted);
        sent.addAll(bus.accepted);
        Reference reference = Reference.of(sent);
        note("reference: %d database samples, %d instance samples, %d database-days", reference.databaseSamples,
                reference.instanceSamples, reference.days.size());

        assertThat(count("ingestion.database_size_sample")).as("database samples stored").isEqualTo(reference.databaseSamples);
        assertThat(count("ingestion.instance_size_sample")).as("instance samples stored").isEqualTo(reference.instanceSamples);
        assertThat(databaseDays()).as("period-aggregation's daily states: samples, sum, max, min per database and day")
                .isEqualTo(reference.days);
        assertThat(instanceDays()).as("period-aggregation's daily instance states: samples per instance and day")
                .isEqualTo(reference.instanceDays);

        String finalSession = requestFinalAggregation();
        awaitEnded(List.of(finalSession));
        assertThat(status(finalSession)).as("the final aggregation").isEqualTo("completed");
        Map<String, List<Long>> expectedDaily = reference.daily();
        Map<String, Long> expectedMonthly = reference.monthlyCounts();
        // query-api's read model is the one stored copy of the aggregations
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            assertThat(periods("daily")).as("daily aggregations (count, avg, max, min)").isEqualTo(expectedDaily);
            assertThat(monthlyCounts()).as("monthly data_count").isEqualTo(expectedMonthly);
        });

        awaitEnded(new ArrayList<>(requests.sessions));
        assertThat(sessionsNotCompleted()).as("sessions that did not complete").isEmpty();
        assertThat(deadLetters()).as("messages in dead-letter queues (every message sent was valid)").isEmpty();
        assertThat(outboxRows()).as("rows left in outboxes").isEqualTo(0);
        note("verdict: every accepted sample stored and counted once; %d sessions completed; no dead letter; outboxes empty",
                requests.sessions.size() + 1);
    }

    // --- the flow -------------------------------------------------------------------------------------------

    /** One collector batch: the samples of one instance and day. */
    private record Batch(int index, List<DatabaseSizeSample> databases, List<InstanceSizeSample> instances) {
        Map<String, Object> body() {
            return Map.of("databases", databases, "instances", instances);
        }
    }

    private List<Batch> batches() {
        List<Batch> batches = new ArrayList<>();
        generator.generate((day, databases, instances) -> batches.add(new Batch(batches.size(), databases, instances)));
        return batches;
    }

    /** Sends batches one per tick; a batch is retried until it is accepted, and only then counted as sent. */
    private final class Flow {
        final String name;
        final List<Batch> batches;
        final Sender sender;
        final List<Batch> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicBoolean finishing = new AtomicBoolean();
        volatile int next;
        volatile boolean retrying;

        Flow(String name, List<Batch> batches, Sender sender) {
            this.name = name;
            this.batches = batches;
            this.sender = sender;
        }

        synchronized void tick() {
            // a batch whose answer was lost may have been stored: it is re-sent until accepted, even when finishing
            if (next >= batches.size() || (finishing.get() && !retrying)) {
                return;
            }
            Batch batch = batches.get(next);
            try {
                sender.send(batch);
                accepted.add(batch);
                next++;
                retrying = false;
            } catch (RuntimeException e) {
                retrying = true;
                if (failures.incrementAndGet() % 20 == 1) {
                    note("%s batch %d not accepted yet: %s", name, batch.index(), e.getMessage());
                }
            }
        }

        void finish() {
            finishing.set(true);
        }

        synchronized boolean done() {
            return !retrying;
        }

        int sent() {
            return accepted.size();
        }
    }

    @FunctionalInterface
    private interface Sender {
        void send(Batch batch);
    }

    private void postBatch(Batch batch) {
        HttpResponse<String> response = send("POST", "stats-ingestion", "/api/v1/capacity/stats", "collector", batch.body());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("answered " + response.statusCode());
        }
    }

    private final Map<Integer, ObjectNode> busMessages = new ConcurrentHashMap<>();
    private TestBus bus;

    /** Publishes with a confirm; a retry re-sends the same message (same id), as a collector would. */
    private void publishBatch(Batch batch) {
        ObjectNode message = busMessages.computeIfAbsent(batch.index(), i -> TestBus.envelope("StatsCollected", batch.body()));
        publish("stats.collected", message);
        busMessages.remove(batch.index());
    }

    private synchronized void publish(String routingKey, ObjectNode message) {
        try {
            if (bus == null) {
                bus = new TestBus(infrastructure.virtualHost());
            }
            bus.publish("whalefall.commands", routingKey, message);
        } catch (RuntimeException e) {
            if (bus != null) {
                bus.close();
            }
            bus = null;
            throw e;
        }
    }

    /** Aggregation requests every 15 s, alternately through query-api and on the bus; remembers their sessions. */
    private final class Requests {
        final List<String> sessions = new CopyOnWriteArrayList<>();
        final AtomicBoolean finishing = new AtomicBoolean();
        volatile ObjectNode pending;
        int round;

        synchronized void tick() {
            try {
                if (pending == null) {
                    if (finishing.get()) {
                        return;
                    }
                    if (round++ % 2 == 0) {
                        trigger();
                        return;
                    }
                    LocalDate today = LocalDate.now(ZONE);
                    pending = TestBus.envelope("AggregationRequested", Map.of("request_id", "fault-" + UUID.randomUUID(),
                            "trigger", "external", "requested_by", "fault-test", "scope", Map.of("instance_ids", List.of()),
                            "period_types", List.of("daily", "weekly"), "mode", "range",
                            "from", today.minusDays(10).toString(), "to", today.toString(), "force", false));
                }
                publish("aggregation.requested", pending);
                sessions.add(RunId.forRequest(pending.path("payload").path("request_id").asText()).toString());
                pending = null;
            } catch (RuntimeException e) {
                note("aggregation request not accepted yet: %s", e.getMessage());
            }
        }

        /** A manual trigger; one whose answer is lost is not retried (an admin would look first). */
        private void trigger() {
            HttpResponse<String> response = send("POST", "query-api", "/api/v1/capacity/aggregations/current", "admin",
                    Map.of("period_type", "daily", "scope", "all"));
            if (response.statusCode() == 202) {
                sessions.add(json(response.body()).path("data").path("result").path("session").path("id").asText());
            }
        }

        void finish() {
            finishing.set(true);
        }

        synchronized boolean done() {
            return pending == null;
        }
    }

    /** Lets the flows run for {@code duration}, failing at once if one of them has stopped or run out of batches. */
    private void keepFlowing(Duration duration, Flow... running) {
        await().pollInterval(Duration.ofSeconds(1)).during(duration).atMost(duration.plusSeconds(5))
                .until(() -> scheduled.stream().noneMatch(java.util.concurrent.Future::isDone)
                        && java.util.Arrays.stream(running).allMatch(f -> f.next < f.batches.size()));
    }

    // --- settling and checking ------------------------------------------------------------------------------

    /** Waits until no outbox holds a row, no consumer queue holds a message and every session ended. */
    private void awaitSettled() {
        Instant from = Instant.now();
        await().atMost(settle).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> outboxRows() == 0 && consumerQueueMessages() == 0);
        note("settled in %d s", Duration.between(from, Instant.now()).toSeconds());
    }

    private String requestFinalAggregation() {
        String requestId = "fault-final-" + UUID.randomUUID();
        ObjectNode message = TestBus.envelope("AggregationRequested", Map.of("request_id", requestId, "trigger", "external",
                "requested_by", "fault-test", "scope", Map.of("instance_ids", List.of()),
                "period_types", List.of("daily", "monthly"), "mode", "range", "from", firstDay.toString(),
                "to", LocalDate.now(ZONE).toString(), "force", true));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            publish("aggregation.requested", message);
            return true;
        });
        return RunId.forRequest(requestId).toString();
    }

    private void awaitEnded(List<String> sessionIds) {
        await().atMost(settle).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            for (String id : sessionIds) {
                if (!List.of("completed", "failed", "cancelled").contains(status(id))) {
                    return false;
                }
            }
            return true;
        });
    }

    private String status(String sessionId) throws Exception {
        return single("SELECT status FROM sessions.sync_session WHERE session_id = '" + sessionId + "'").orElse("missing");
    }

    /** Every session (tracked or not, e.g. a manual trigger whose answer was lost) that did not complete, with its reason. */
    private List<String> sessionsNotCompleted() throws Exception {
        return rows("SELECT session_id || ' ' || status || ': ' || coalesce(error_message, '') FROM sessions.sync_session"
                + " WHERE status <> 'completed'");
    }

    private long consumerQueueMessages() {
        long messages = 0;
        for (JsonNode queue : json(infrastructure.managementGet("/api/queues/" + infrastructure.virtualHost()))) {
            if (!queue.path("name").asText().endsWith(".dlq")) {
                messages += queue.path("messages").asLong();
            }
        }
        return messages;
    }

    private Map<String, Long> deadLetters() {
        Map<String, Long> dead = new TreeMap<>();
        for (JsonNode queue : json(infrastructure.managementGet("/api/queues/" + infrastructure.virtualHost()))) {
            if (queue.path("name").asText().endsWith(".dlq") && queue.path("messages").asLong() > 0) {
                dead.put(queue.path("name").asText(), queue.path("messages").asLong());
            }
        }
        return dead;
    }

    private long outboxRows() throws Exception {
        long rows = 0;
        for (String schema : SCHEMAS) {
            rows += count(schema + ".outbox_message");
        }
        return rows;
    }

    private Map<String, List<Long>> databaseDays() throws Exception {
        return keyed("SELECT instance_id || '/' || database_name || '/' || day, samples, size_sum, size_max, size_min"
                + " FROM aggregation.database_day");
    }

    private Map<String, List<Long>> instanceDays() throws Exception {
        return keyed("SELECT instance_id || '/' || day, samples FROM aggregation.instance_day");
    }

    private Map<String, List<Long>> periods(String periodType) throws Exception {
        return keyed("SELECT instance_id || '/' || database_name || '/' || period_start, data_count, avg_size_mb,"
                + " max_size_mb, min_size_mb FROM query.database_period WHERE period_type = '" + periodType + "'");
    }

    private Map<String, Long> monthlyCounts() throws Exception {
        return keyed("SELECT instance_id || '/' || database_name || '/' || period_start, data_count"
                + " FROM query.database_period WHERE period_type = 'monthly'").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0), (a, b) -> a, TreeMap::new));
    }

    /** What the system must hold, computed from the batches that were accepted. */
    private static final class Reference {
        final Map<String, List<Long>> days = new TreeMap<>();
        final Map<String, List<Long>> instanceDays = new TreeMap<>();
        long databaseSamples;
        long instanceSamples;

        static Reference of(List<Batch> batches) {
            Reference reference = new Reference();
            for (Batch batch : batches) {
                for (DatabaseSizeSample s : batch.databases()) {
                    reference.databaseSamples++;
                    String key = s.instanceId() + "/" + s.databaseName() + "/" + s.collectedAt().atZoneSameInstant(ZONE).toLocalDate();
                    reference.days.merge(key, List.of(1L, s.sizeMb(), s.sizeMb(), s.sizeMb()), (a, b) -> List.of(
                            a.get(0) + b.get(0), a.get(1) + b.get(1), Math.max(a.get(2), b.get(2)), Math.min(a.get(3), b.get(3))));
                }
                for (InstanceSizeSample s : batch.instances()) {
                    reference.instanceSamples++;
                    reference.instanceDays.merge(s.instanceId() + "/" + s.collectedAt().atZoneSameInstant(ZONE).toLocalDate(),
                            List.of(1L), (a, b) -> List.of(a.get(0) + b.get(0)));
                }
            }
            return reference;
        }

        /** Daily database aggregations: data_count, avg (half away from zero), max, min. */
        Map<String, List<Long>> daily() {
            Map<String, List<Long>> daily = new TreeMap<>();
            days.forEach((key, d) -> daily.put(key, List.of(d.get(0), BigDecimal.valueOf(d.get(1))
                    .divide(BigDecimal.valueOf(d.get(0)), 0, RoundingMode.HALF_UP).longValueExact(), d.get(2), d.get(3))));
            return daily;
        }

        Map<String, Long> monthlyCounts() {
            Map<String, Long> monthly = new TreeMap<>();
            days.forEach((key, d) -> {
                int cut = key.lastIndexOf('/');
                monthly.merge(key.substring(0, cut + 1) + LocalDate.parse(key.substring(cut + 1)).withDayOfMonth(1), d.get(0), Long::sum);
            });
            return monthly;
        }
    }

    // --- plumbing -------------------------------------------------------------------------------------------

    private void registerInstance(CapacityDataGenerator.InstanceSpec instance) {
        HttpResponse<String> response = send("PUT", "stats-ingestion", "/api/v1/instances/" + instance.id(), "collector",
                Map.of("name", instance.name(), "db_type", instance.dbType(), "host", "10.14.0." + instance.id() % 250,
                        "port", 3306));
        assertThat(response.statusCode()).as("registering %s: %s", instance.name(), response.body()).isIn(200, 201);
    }

    private HttpResponse<String> send(String method, String service, String path, String user, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(services.url(service) + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(TestBus.JSON.writeValueAsString(body)))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops or starts the private PostgreSQL or RabbitMQ through scripts/lib/fault-servers.sh. */
    private static void server(String server, String action) throws Exception {
        Process process = new ProcessBuilder(REPOSITORY.resolve("scripts/lib/fault-servers.sh").toString(), server, action)
                .inheritIO().start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as("fault-servers.sh %s %s", server, action).isTrue();
    }

    private long count(String table) throws Exception {
        return Long.parseLong(single("SELECT count(*) FROM " + table).orElseThrow());
    }

    private Optional<String> single(String sql) throws Exception {
        List<String> rows = rows(sql);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = infrastructure.adminConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Rows of a query whose first column is a key and the others numbers. */
    private Map<String, List<Long>> keyed(String sql) throws Exception {
        Map<String, List<Long>> rows = new TreeMap<>();
        try (Connection connection = infrastructure.adminConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Long> values = new ArrayList<>();
                for (int c = 2; c <= columns; c++) {
                    values.add(rs.getLong(c));
                }
                rows.put(rs.getString(1), values);
            }
        }
        return rows;
    }

    private static JsonNode json(String body) {
        try {
            return TestBus.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private void note(String format, Object... args) {
        String line = "[fault-test] " + Instant.now() + " " + String.format(format, args);
        log.add(line);
        System.out.println(line);
    }

    private static Duration setting(String name, Duration fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Duration.parse(value);
    }
}
