package io.whalefall.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifecycle events arrive late, twice or out of order (competing consumers, retries): whatever the order,
 * a run ends as the same session, and a repeated event never counts twice.
 */
@QuarkusTest
@SessionsTestResource
class EventOrderTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    LifecycleBus bus;

    @BeforeEach
    void connect() {
        bus = new LifecycleBus(infrastructure, dataSource);
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void everyOrderOfStartedCompletedFailedAndFinishedEndsInTheSameSession() {
        String updates = bus.raw().tap(LifecycleBus.EVENTS, "session.updated");
        long a = Run.newInstanceId();
        long b = Run.newInstanceId();
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3));
        List<Run> runs = new ArrayList<>();
        List<List<ObjectNode>> events = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            Run run = Run.create("order-" + i);
            runs.add(run);
            events.add(List.of(
                    LifecycleBus.envelope(run, run.started(Trigger.MANUAL, "alice", T0,
                            new InstanceRef(a, "orders-db"), new InstanceRef(b, "billing-db"))),
                    // named differently by the work item: the name at the run's start must win in every order
                    LifecycleBus.envelope(run, run.completed(a, "orders-db-renamed", 12, T0.plusSeconds(1),
                            T0.plusSeconds(2))),
                    LifecycleBus.envelope(run, run.failed(b, "billing-db", "aggregation failed: numeric overflow",
                            T0.plusSeconds(1), T0.plusSeconds(3))),
                    LifecycleBus.envelope(run, run.finished(RunOutcome.FAILED, 1, 1, 0, T0.plusSeconds(4)))));
        }

        // step k publishes the k-th event of every order; runs are independent, so each session sees its own order
        for (int step = 0; step < 4; step++) {
            List<ObjectNode> published = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                ObjectNode event = events.get(i).get(orders.get(i).get(step));
                bus.publish(event);
                published.add(event);
            }
            bus.awaitApplied(published);
        }
        // duplicates: a redelivery (same message id) and a re-sent copy (new id) of already applied events
        List<ObjectNode> resent = new ArrayList<>();
        for (List<ObjectNode> runEvents : events) {
            bus.publish(runEvents.get(1));
            ObjectNode copy = LifecycleBus.resent(runEvents.get(2));
            bus.publish(copy);
            resent.add(copy);
        }
        bus.awaitApplied(resent);

        JsonNode reference = Api.session(runs.get(0).runId());
        assertFinalSession(reference);
        for (Run run : runs) {
            JsonNode session = Api.session(run.runId());
            assertThat(session.path("session_id").asText()).isEqualTo(run.id());
            assertThat(withoutIdentity(session)).as("session of order %s", orders.get(runs.indexOf(run)))
                    .isEqualTo(withoutIdentity(reference));
        }
        assertSnapshotsPublished(updates, runs);
    }

    @Test
    void aCompletionBeforeTheStartCreatesTheRecordAndTheStartFillsInTheRest() {
        Run run = Run.create("early-completion");
        long a = Run.newInstanceId();
        long b = Run.newInstanceId();

        bus.apply(run, run.completed(a, "orders-db (as the worker saw it)", 7, T0.plusSeconds(5), T0.plusSeconds(6)));
        JsonNode early = Api.session(run.runId());
        assertThat(early.path("status").asText()).isEqualTo("running");
        assertThat(early.path("sync_type").isNull()).as("unknown until the start arrives").isTrue();
        assertThat(early.path("total_instances").asInt()).isEqualTo(1);
        assertThat(early.path("successful_instances").asInt()).isEqualTo(1);
        assertThat(early.path("progress").asInt()).as("the run's size is not known yet").isLessThan(100);
        assertThat(early.path("records").get(0).path("instance_name").asText()).isEqualTo("orders-db (as the worker saw it)");

        bus.apply(run, run.started(Trigger.SCHEDULED, "scheduler", T0, new InstanceRef(a, "orders-db"),
                new InstanceRef(b, "billing-db")));
        JsonNode started = Api.session(run.runId());
        assertThat(started.path("status").asText()).isEqualTo("running");
        assertThat(started.path("sync_type").asText()).isEqualTo("scheduled_task");
        assertThat(started.path("created_by").asText()).isEqualTo("scheduler");
        assertThat(started.path("started_at").asText()).isEqualTo(T0.toString());
        assertThat(started.path("total_instances").asInt()).isEqualTo(2);
        assertThat(started.path("progress").asInt()).isEqualTo(50);
        assertThat(started.path("records")).extracting(r -> r.path("instance_name").asText() + ":" + r.path("status").asText())
                .containsExactly("billing-db:pending", "orders-db:completed");
        assertThat(started.path("records").get(1).path("items_synced").asInt()).as("kept from the completion").isEqualTo(7);
    }

    @Test
    void theEventsOfOneRunAppliedConcurrentlyAndRepeatedStillAddUp() {
        Run run = Run.create("concurrent");
        List<InstanceRef> instances = IntStream.range(0, 12)
                .mapToObj(i -> new InstanceRef(Run.newInstanceId(), "db-" + (char) ('a' + i))).toList();
        List<ObjectNode> events = new ArrayList<>();
        events.add(LifecycleBus.envelope(run, run.started(Trigger.MANUAL, "alice", T0, instances.toArray(InstanceRef[]::new))));
        for (int i = 0; i < instances.size(); i++) {
            InstanceRef instance = instances.get(i);
            Instant end = T0.plusSeconds(10 + i);
            Object payload = i < 8 ? run.completed(instance.instanceId(), instance.name(), 4, T0, end)
                    : i < 10 ? run.skipped(instance.instanceId(), instance.name(), "run cancelled", end)
                    : run.failed(instance.instanceId(), instance.name(), "aggregation failed: disk full", T0, end);
            events.add(LifecycleBus.envelope(run, payload));
        }
        events.add(LifecycleBus.envelope(run, run.finished(RunOutcome.FAILED, 8, 2, 2, T0.plusSeconds(30))));
        List<ObjectNode> copies = List.of(LifecycleBus.resent(events.get(1)), LifecycleBus.resent(events.get(9)),
                LifecycleBus.resent(events.get(12)));
        List<ObjectNode> all = new ArrayList<>(events);
        all.addAll(copies);
        all.addAll(events.subList(3, 6)); // redeliveries: same message ids
        long seed = System.nanoTime();
        Collections.shuffle(all, new Random(seed));

        all.forEach(bus::publish); // the consumer takes up to 16 at once, in no particular order
        List<ObjectNode> applied = new ArrayList<>(events);
        applied.addAll(copies);
        bus.awaitApplied(applied);

        JsonNode session = Api.session(run.runId());
        assertThat(session.path("status").asText()).as("shuffle seed %d", seed).isEqualTo("failed");
        assertThat(session.path("total_instances").asInt()).isEqualTo(12);
        assertThat(session.path("successful_instances").asInt()).isEqualTo(8);
        assertThat(session.path("skipped_instances").asInt()).isEqualTo(2);
        assertThat(session.path("failed_instances").asInt()).isEqualTo(2);
        assertThat(session.path("progress").asInt()).isEqualTo(100);
        assertThat(session.path("error_message").asText()).isEqualTo("2 of 12 instances failed: db-k, db-l");
        assertThat(session.path("sequence").asLong()).as("one change per applied message").isEqualTo(applied.size());
    }

    private static void assertFinalSession(JsonNode session) {
        assertThat(session.path("status").asText()).isEqualTo("failed");
        assertThat(session.path("sync_type").asText()).isEqualTo("manual_task");
        assertThat(session.path("sync_category").asText()).isEqualTo("aggregation");
        assertThat(session.path("created_by").asText()).isEqualTo("alice");
        assertThat(session.path("started_at").asText()).isEqualTo(T0.toString());
        assertThat(session.path("completed_at").asText()).isEqualTo(T0.plusSeconds(4).toString());
        assertThat(session.path("total_instances").asInt()).isEqualTo(2);
        assertThat(session.path("successful_instances").asInt()).isEqualTo(1);
        assertThat(session.path("failed_instances").asInt()).isEqualTo(1);
        assertThat(session.path("skipped_instances").asInt()).isZero();
        assertThat(session.path("progress").asInt()).isEqualTo(100);
        assertThat(session.path("error_message").asText()).isEqualTo("1 of 2 instances failed: billing-db");
        assertThat(session.path("period_types")).extracting(JsonNode::asText).containsExactly("daily", "weekly");
        assertThat(session.path("periods")).hasSize(2);
        JsonNode records = session.path("records");
        assertThat(records).extracting(r -> r.path("instance_name").asText()).containsExactly("billing-db", "orders-db");
        JsonNode failed = records.get(0);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error_message").asText()).isEqualTo("aggregation failed: numeric overflow");
        assertThat(failed.path("completed_at").asText()).isEqualTo(T0.plusSeconds(3).toString());
        JsonNode completed = records.get(1);
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("items_synced").asInt()).isEqualTo(12);
        assertThat(completed.path("sync_details")).hasSize(2);
        assertThat(completed.path("sync_details").get(0).path("period_type").asText()).isEqualTo("daily");
        assertThat(completed.path("sync_details").get(0).path("database_rows").asInt()).isEqualTo(6);
    }

    /** Each session's snapshots arrive with sequences 1, 2, 3 ...: one per applied event, none for the redelivery. */
    private void assertSnapshotsPublished(String updates, List<Run> runs) {
        Map<String, List<TestBus.Received>> bySession = new HashMap<>();
        runs.forEach(run -> bySession.put(run.id(), new ArrayList<>()));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (TestBus.Received received : bus.raw().drain(updates)) {
                List<TestBus.Received> list = bySession.get(received.payload().path("session_id").asText());
                if (list != null) {
                    list.add(received);
                }
            }
            return bySession.values().stream().allMatch(list -> list.size() >= 5);
        });
        for (Run run : runs) {
            List<TestBus.Received> snapshots = bySession.get(run.id());
            assertThat(snapshots).extracting(r -> r.payload().path("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
            TestBus.Received last = snapshots.get(snapshots.size() - 1);
            assertThat(last.type()).isEqualTo("SessionUpdated");
            assertThat(last.body().path("correlation_id").asText()).isEqualTo(run.requestId());
            assertThat(last.body().path("source").asText()).isEqualTo("session-tracking");
            assertThat(last.payload().path("status").asText()).isEqualTo("failed");
            assertThat(last.payload().path("failed_instances").asInt()).isEqualTo(1);
            assertThat(last.payload().path("progress").asInt()).isEqualTo(100);
            assertThat(last.payload().path("records")).extracting(r -> r.path("periods").asInt())
                    .as("periods reported by billing-db (failed) and orders-db").containsExactly(0, 2);
        }
    }

    private static JsonNode withoutIdentity(JsonNode session) {
        ObjectNode copy = session.deepCopy();
        copy.remove(List.of("session_id", "request_id", "sequence", "created_at", "updated_at"));
        return copy;
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Integer>> result = new ArrayList<>();
        IntStream.range(0, items.size()).forEach(i -> {
            List<Integer> rest = new ArrayList<>(items);
            Integer first = rest.remove(i);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                result.add(order);
            }
        });
        return result;
    }
}
