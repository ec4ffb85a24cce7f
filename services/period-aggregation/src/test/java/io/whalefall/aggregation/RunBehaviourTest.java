package io.whalefall.aggregation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.aggregation.run.RunStarter;
import io.whalefall.aggregation.run.RunStore;
import io.whalefall.aggregation.run.RunSpec;
import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.AggregationRequested;
import io.whalefall.contracts.aggregation.AggregationScope;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.whalefall.aggregation.AggregationDriver.db;
import static io.whalefall.contracts.aggregation.PeriodType.DAILY;
import static io.whalefall.contracts.aggregation.PeriodType.MONTHLY;
import static io.whalefall.contracts.aggregation.PeriodType.WEEKLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How runs behave: idempotency, rejections, per-instance skipping, staleness, cancellation, concurrency. */
@QuarkusTest
@AggregationTestResource
class RunBehaviourTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RunStarter starter;

    @Inject
    RunStore runs;

    TestBus bus;
    AggregationDriver driver;
    String lifecycle;

    @BeforeEach
    void connect() {
        bus = new TestBus(infrastructure.virtualHost());
        driver = new AggregationDriver(bus, dataSource);
        lifecycle = bus.tap("whalefall.events", "aggregation.*");
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void theSameRequestDeliveredTwiceMakesOneRun() {
        long id = driver.instance("twice", true);
        driver.samples(List.of(db(id, "d", 10, "2026-06-01T10:00:00+08:00")), List.of());
        AggregationRequested request = new AggregationRequested("twice-" + UUID.randomUUID(), Trigger.MANUAL, "ops",
                new AggregationScope(List.of(id)), List.of(DAILY), AggregationMode.RANGE,
                LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-01"), false);
        UUID runId = driver.request(request);
        driver.request(request); // a second message, same request id
        assertThat(driver.awaitRunEnded(runId)).isEqualTo("completed");

        List<TestBus.Received> events = awaitLifecycle(runId, "AggregationFinished");
        assertThat(events).filteredOn(e -> e.type().equals("AggregationStarted")).hasSize(1);
        assertThat(events).filteredOn(e -> e.type().equals("InstanceAggregationCompleted")).hasSize(1);
        assertThat(driver.rows("SELECT revision FROM period_state WHERE instance_id = ?", id))
                .extracting(r -> r.get("revision")).containsExactly(1);
    }

    @Test
    void invalidRequestsAreRejectedWithTheirReason() {
        long known = driver.instance("known", true);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(request("from-after-to", "range", "[\"daily\"]", "2026-06-10", "2026-06-01", known),
                "from (2026-06-10) is after to (2026-06-01)");
        cases.put(request("too-long", "range", "[\"daily\"]", "2020-01-01", "2026-06-01", known), "at most 800");
        cases.put(request("bad-type", "current", "[\"yearly\"]", null, null, known), "yearly");
        cases.put(request("no-mode", null, "[\"daily\"]", null, null, known), "mode must be");
        cases.forEach((requestId, reason) -> {
            UUID runId = RunId.forRequest(requestId);
            assertThat(driver.awaitRunEnded(runId)).isEqualTo("rejected");
            List<TestBus.Received> events = awaitLifecycle(runId, "AggregationRejected");
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.payload().path("request_id").asText()).isEqualTo(requestId);
                assertThat(e.payload().path("reason").asText()).contains(reason);
            });
        });
    }

    @Test
    void anUnknownInstanceFailsItsOwnRecordWhileTheOthersAreAggregated() {
        long first = driver.instance("first", true);
        long second = driver.instance("second", true);
        long unknown = AggregationDriver.newInstanceId();
        LocalDate day = LocalDate.parse("2026-06-03");
        driver.samples(List.of(db(first, "d", 10, "2026-06-03T10:00:00+08:00"),
                db(second, "d", 20, "2026-06-03T10:00:00+08:00")), List.of());

        UUID runId = driver.requestRange(List.of(first, unknown, second), List.of(DAILY), day, day, false);

        assertThat(driver.awaitRunEnded(runId)).isEqualTo("failed");
        List<TestBus.Received> events = awaitLifecycle(runId, "AggregationFinished");
        assertThat(events).filteredOn(e -> e.type().equals("AggregationStarted")).singleElement()
                .satisfies(e -> assertThat(e.payload().path("instances")).extracting(i -> i.path("instance_id").asLong())
                        .containsExactly(first, second, unknown));
        assertThat(events).filteredOn(e -> e.type().equals("InstanceAggregationCompleted"))
                .extracting(e -> e.payload().path("instance_id").asLong() + ":" + e.payload().path("outcome").asText())
                .containsExactlyInAnyOrder(first + ":completed", second + ":completed");
        assertThat(events).filteredOn(e -> e.type().equals("InstanceAggregationFailed")).singleElement()
                .satisfies(e -> {
                    assertThat(e.payload().path("instance_id").asLong()).isEqualTo(unknown);
                    assertThat(e.payload().path("error").asText())
                            .isEqualTo("unknown instance " + unknown
                                    + ": no InstanceUpserted arrived within 4 s of the request");
                });
        assertThat(events).filteredOn(e -> e.type().equals("AggregationFinished")).singleElement()
                .satisfies(e -> assertThat(e.payload().path("outcome").asText()).isEqualTo("failed"));
        assertThat(driver.databaseRow(second, DAILY, "2026-06-03", "d")).containsEntry("avg_size_mb", 20L);
    }

    @Test
    void anInstanceRegisteredAMomentAfterTheRequestIsWaitedForAndAggregated() {
        long late = AggregationDriver.newInstanceId();
        LocalDate day = LocalDate.parse("2026-06-04");

        UUID runId = driver.requestRange(List.of(late), List.of(DAILY), day, day, false);
        // the registration's InstanceUpserted arrives after the run has started
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !driver.rows("SELECT 1 FROM run WHERE run_id = ?", runId).isEmpty());
        driver.announce(late, "registered-late", true);

        assertThat(driver.awaitRunEnded(runId)).isEqualTo("completed");
        assertThat(awaitLifecycle(runId, "AggregationFinished"))
                .filteredOn(e -> e.type().equals("InstanceAggregationCompleted")).singleElement()
                .satisfies(e -> assertThat(e.payload().path("instance_name").asText()).isEqualTo("registered-late"));
    }

    @Test
    void alreadyAggregatedIsDecidedPerInstance() {
        long done = driver.instance("done", true);
        long fresh = driver.instance("fresh", true);
        driver.samples(List.of(db(done, "d", 10, "2026-06-02T10:00:00+08:00"),
                db(fresh, "d", 20, "2026-06-02T10:00:00+08:00")), List.of());
        LocalDate day = LocalDate.parse("2026-06-02");
        assertThat(driver.awaitRunEnded(driver.requestRange(List.of(done), List.of(DAILY), day, day, false)))
                .isEqualTo("completed");

        UUID both = driver.requestRange(List.of(done, fresh), List.of(DAILY), day, day, false);
        assertThat(driver.awaitRunEnded(both)).isEqualTo("completed");
        List<TestBus.Received> events = awaitLifecycle(both, "AggregationFinished");
        assertThat(events).filteredOn(e -> e.type().equals("InstanceAggregationCompleted"))
                .extracting(e -> e.payload().path("instance_id").asLong() + ":" + e.payload().path("outcome").asText())
                .containsExactlyInAnyOrder(done + ":skipped", fresh + ":completed");
        assertThat(driver.databaseRow(fresh, DAILY, "2026-06-02", "d")).containsEntry("avg_size_mb", 20L);

        UUID forced = driver.requestRange(List.of(done), List.of(DAILY), day, day, true);
        assertThat(driver.awaitRunEnded(forced)).isEqualTo("completed");
        assertThat(driver.databaseRow(done, DAILY, "2026-06-02", "d")).containsEntry("revision", 2);
    }

    @Test
    void aLateSampleMakesItsPeriodsAndTheNextOnesStaleAndTheyAreRepublished() {
        long id = driver.instance("late", true);
        driver.samples(List.of(db(id, "d", 100, "2026-07-06T10:00:00+08:00"),
                db(id, "d", 200, "2026-07-13T10:00:00+08:00")), List.of());
        UUID first = driver.requestRange(List.of(id), List.of(WEEKLY), LocalDate.parse("2026-07-06"),
                LocalDate.parse("2026-07-19"), false);
        assertThat(driver.awaitRunEnded(first)).isEqualTo("completed");
        assertThat(driver.databaseRow(id, WEEKLY, "2026-07-13", "d")).containsEntry("size_change_mb", 100L);

        // a late sample for the first week: that week and the next (whose change depends on it) go stale
        driver.samples(List.of(db(id, "d", 150, "2026-07-07T10:00:00+08:00")), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> next = driver.databaseRow(id, WEEKLY, "2026-07-13", "d");
            return Integer.valueOf(2).equals(next.get("revision"));
        });
        // first week: (100 + 150) / 2 = 125; next week: 200 − 125 = 75
        assertThat(driver.databaseRow(id, WEEKLY, "2026-07-06", "d")).containsEntry("avg_size_mb", 125L)
                .containsEntry("revision", 2);
        assertThat(driver.databaseRow(id, WEEKLY, "2026-07-13", "d")).containsEntry("size_change_mb", 75L);
        List<TestBus.Received> republished = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seen.addAll(bus.drain(lifecycle));
            republished.clear();
            seen.stream().filter(e -> e.type().equals("PeriodCompleted") && e.payload().path("instance_id").asLong() == id
                    && e.payload().path("revision").asInt() == 2).forEach(republished::add);
            return republished.size() >= 2;
        });
        assertThat(republished).extracting(e -> e.payload().path("period_start").asText())
                .containsExactlyInAnyOrder("2026-07-06", "2026-07-13");
        assertThat(driver.rows("SELECT count(*) AS stale FROM period_state WHERE instance_id = ? AND stale", id))
                .singleElement().satisfies(r -> assertThat(r.get("stale")).isEqualTo(0L));
    }

    @Test
    void aCancelledRunSkipsTheWorkItemsNotYetStarted() {
        long a = driver.instance("cancel-a", true);
        long b = driver.instance("cancel-b", true);
        String requestId = "cancelled-" + UUID.randomUUID();
        UUID runId = RunId.forRequest(requestId);
        List<PeriodRef> periods = List.of(new PeriodRef(MONTHLY, LocalDate.parse("2026-06-01"),
                LocalDate.parse("2026-06-30")));
        // started and cancelled in one transaction: no work item can have begun
        QuarkusTransaction.requiringNew().run(() -> {
            Map<Long, String> names = new java.util.LinkedHashMap<>();
            names.put(a, "cancel-a");
            names.put(b, "cancel-b");
            starter.start(new RunSpec(runId, requestId, Trigger.MANUAL, "ops", AggregationMode.RANGE, List.of(MONTHLY),
                    null, null, false, names, Map.of(a, periods, b, periods)), null);
            runs.cancel(runId, "cancelled by ops");
        });
        assertThat(driver.awaitRunEnded(runId)).isEqualTo("cancelled");
        List<TestBus.Received> events = awaitLifecycle(runId, "AggregationFinished");
        assertThat(events).filteredOn(e -> e.type().equals("InstanceAggregationCompleted"))
                .allSatisfy(e -> assertThat(e.payload().path("outcome").asText()).isEqualTo("skipped"))
                .hasSize(2);
        assertThat(events).filteredOn(e -> e.type().equals("AggregationFinished")).singleElement()
                .satisfies(e -> assertThat(e.payload().path("outcome").asText()).isEqualTo("cancelled"));
    }

    @Test
    void concurrentRunsOverTheSameInstanceNeverDuplicateOrHalfWriteRows() {
        long id = driver.instance("contended", true);
        List<io.whalefall.contracts.stats.DatabaseSizeSample> samples = new ArrayList<>();
        for (int day = 1; day <= 30; day++) {
            for (String name : List.of("a", "b", "c")) {
                samples.add(db(id, name, 100 + day, String.format("2026-04-%02dT10:00:00+08:00", day)));
            }
        }
        driver.samples(samples, List.of());
        List<UUID> runIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runIds.add(driver.requestRange(List.of(id), List.of(DAILY, WEEKLY, MONTHLY), LocalDate.parse("2026-04-01"),
                    LocalDate.parse("2026-04-30"), true));
        }
        runIds.forEach(runId -> assertThat(driver.awaitRunEnded(runId)).isEqualTo("completed"));
        // every period was computed four times, one after the other: revision 4, one row per database
        Map<String, IntSummaryStatistics> revisions = driver.databaseRows(id).stream().collect(Collectors.groupingBy(
                r -> (String) r.get("period_type"), TreeMap::new,
                Collectors.summarizingInt(r -> (Integer) r.get("revision"))));
        assertThat(revisions.entrySet()).extracting(e -> e.getKey() + ":" + e.getValue().getCount() + ":"
                + e.getValue().getMin() + ":" + e.getValue().getMax())
                .containsExactly("daily:90:4:4", "monthly:3:4:4", "weekly:15:4:4");
    }

    private String request(String name, String mode, String types, String from, String to, long instanceId) {
        String requestId = name + "-" + UUID.randomUUID();
        String payload = "{\"request_id\":\"" + requestId + "\",\"trigger\":\"external\",\"requested_by\":\"tests\","
                + "\"scope\":{\"instance_ids\":[" + instanceId + "]},\"period_types\":" + types
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"")
                + (from == null ? "" : ",\"from\":\"" + from + "\",\"to\":\"" + to + "\"") + ",\"force\":false}";
        try {
            driver.publish("whalefall.commands", "aggregation.requested", "AggregationRequested",
                    TestBus.JSON.readTree(payload));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return requestId;
    }

    /** Lifecycle events of a run, collected until one of type {@code last} arrives. */
    private List<TestBus.Received> awaitLifecycle(UUID runId, String last) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ofRun(runId).stream().anyMatch(e -> e.type().equals(last)));
        // anything else of this run still in flight
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> ofRun(runId) != null);
        return ofRun(runId);
    }

    /** Everything tapped so far (a drained message is gone from the queue, so it is kept here). */
    private final List<TestBus.Received> seen = new ArrayList<>();

    private List<TestBus.Received> ofRun(UUID runId) {
        seen.addAll(bus.drain(lifecycle));
        return seen.stream().filter(e -> e.payload().path("run_id").asText().equals(runId.toString())).toList();
    }
}
