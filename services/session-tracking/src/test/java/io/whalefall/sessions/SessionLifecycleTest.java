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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How the lifecycle events of a run show up in its session, through the real broker. */
@QuarkusTest
@SessionsTestResource
class SessionLifecycleTest {

    private static final String DLQ = "session-tracking.lifecycle.dlq";
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));

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
    void aRunningSessionShowsItsProgressAndPendingInstances() {
        Run run = Run.create("progress");
        long[] ids = {Run.newInstanceId(), Run.newInstanceId(), Run.newInstanceId(), Run.newInstanceId()};
        bus.apply(run, run.started(Trigger.EXTERNAL, "capacity-planner", T0, new InstanceRef(ids[0], "db-1"),
                        new InstanceRef(ids[1], "db-2"), new InstanceRef(ids[2], "db-3"), new InstanceRef(ids[3], "db-4")),
                run.completed(ids[2], "db-3", 9, T0.plusSeconds(1), T0.plusSeconds(2)));

        JsonNode session = Api.session(run.runId());
        assertThat(session.path("status").asText()).isEqualTo("running");
        assertThat(session.path("sync_type").asText()).isEqualTo("external");
        assertThat(session.path("created_by").asText()).isEqualTo("capacity-planner");
        assertThat(session.path("progress").asInt()).isEqualTo(25);
        assertThat(session.path("completed_at").isNull()).isTrue();
        assertThat(session.path("records")).extracting(r -> r.path("status").asText())
                .containsExactly("pending", "pending", "completed", "pending");
    }

    @Test
    void aRunWhoseInstancesCompletedOrWereSkippedIsCompletedAndTheFinishedEventKeepsItSo() {
        Run run = Run.create("skipped");
        long a = Run.newInstanceId();
        long b = Run.newInstanceId();
        bus.apply(run, run.started(Trigger.SCHEDULED, "scheduler", T0, new InstanceRef(a, "db-a"), new InstanceRef(b, "db-b")),
                run.skipped(a, "db-a", "every period was already aggregated", T0.plusSeconds(1)),
                run.completed(b, "db-b", 4, T0.plusSeconds(1), T0.plusSeconds(3)));

        JsonNode ended = Api.session(run.runId());
        assertThat(ended.path("status").asText()).isEqualTo("completed");
        assertThat(ended.path("skipped_instances").asInt()).isEqualTo(1);
        assertThat(ended.path("successful_instances").asInt()).isEqualTo(1);
        assertThat(ended.path("completed_at").asText()).isEqualTo(T0.plusSeconds(3).toString());
        assertThat(ended.path("records").get(0).path("error_message").asText())
                .as("why it was skipped").isEqualTo("every period was already aggregated");

        bus.apply(run, run.finished(RunOutcome.COMPLETED, 1, 0, 1, T0.plusSeconds(4)));
        JsonNode finished = Api.session(run.runId());
        assertThat(finished.path("status").asText()).isEqualTo("completed");
        assertThat(finished.path("completed_at").asText()).isEqualTo(T0.plusSeconds(4).toString());
        assertThat(finished.path("error_message").isNull()).isTrue();
    }

    @Test
    void aRejectedRequestIsAFailedSessionWithoutRecordsThatSaysWhy() {
        Run run = Run.create("rejected");
        bus.apply(run, run.rejected("hourly-ish", "ops-bot", "invalid request: unknown period type 'hourly'", T0));

        JsonNode session = Api.session(run.runId());
        assertThat(session.path("status").asText()).isEqualTo("failed");
        assertThat(session.path("error_message").asText()).isEqualTo("invalid request: unknown period type 'hourly'");
        assertThat(session.path("sync_type").asText()).as("an unknown trigger came from another system")
                .isEqualTo("external");
        assertThat(session.path("created_by").asText()).isEqualTo("ops-bot");
        assertThat(session.path("total_instances").asInt()).isZero();
        assertThat(session.path("records")).isEmpty();
        assertThat(session.path("completed_at").asText()).isEqualTo(T0.toString());
    }

    @Test
    void anEventThatNamesNoSessionGoesToTheDeadLetterQueueWithItsReason() {
        Run run = Run.create("poison");
        ObjectNode event = LifecycleBus.envelope(run, run.completed(Run.newInstanceId(), "db", 1, T0, T0));
        ((ObjectNode) event.path("payload")).remove("run_id");
        bus.publish(event);

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            dead.addAll(bus.raw().drainRaw(DLQ));
            return dead.stream().anyMatch(m -> m.body().contains(run.requestId()));
        });
        assertThat(dead).filteredOn(m -> m.body().contains(run.requestId()))
                .extracting(m -> m.header("x-whalefall-dead-letter-reason"))
                .containsExactly("run_id is missing");
    }

    @Test
    void aMessageOfAnUnexpectedTypeIsDeadLetteredNotDropped() {
        ObjectNode event = TestBus.envelope("SomethingElse", Map.of("run_id", "x"));
        bus.raw().publish(LifecycleBus.EVENTS, "aggregation.started", event);

        List<TestBus.RawMessage> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            dead.addAll(bus.raw().drainRaw(DLQ));
            return dead.stream().anyMatch(m -> m.body().contains("SomethingElse"));
        });
        assertThat(dead).filteredOn(m -> m.body().contains("SomethingElse"))
                .extracting(m -> m.header("x-whalefall-dead-letter-reason"))
                .allSatisfy(reason -> assertThat(reason).contains("no handler for message type 'SomethingElse'"));
    }
}
