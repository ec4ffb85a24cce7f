package io.whalefall.sessions;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run that stops reporting is marked failed as "session state abnormal" by the scheduled check (every
 * second in tests; the run's silence is simulated by moving its last event back in time).
 */
@QuarkusTest
@SessionsTestResource
class StuckSessionTest {

    private static final String ABNORMAL = "no progress from the aggregation run for 30 minutes (session state abnormal)";

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
    void aSilentRunIsMarkedFailedAndItsLateEventsStillCountUntilItEndsProperly() throws Exception {
        String updates = bus.raw().tap(LifecycleBus.EVENTS, "session.updated");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(45));
        Run run = Run.create("silent");
        long a = Run.newInstanceId();
        long b = Run.newInstanceId();
        bus.apply(run, run.started(Trigger.MANUAL, "admin", t0, new InstanceRef(a, "db-a"), new InstanceRef(b, "db-b")));

        lastHeardAgo(run.runId(), Duration.ofMinutes(31));
        JsonNode stalled = Api.awaitSession(run.runId(), s -> s.path("status").asText().equals("failed"));
        assertThat(stalled.path("error_message").asText()).isEqualTo(ABNORMAL);
        assertThat(stalled.path("completed_at").isNull()).isFalse();
        awaitSnapshot(updates, run, "failed");

        // the run was slow, not dead: its late events are recorded, and the session stays abnormal meanwhile
        bus.apply(run, run.completed(a, "db-a", 3, t0.plusSeconds(60), t0.plusSeconds(2500)));
        JsonNode late = Api.session(run.runId());
        assertThat(late.path("status").asText()).isEqualTo("failed");
        assertThat(late.path("error_message").asText()).isEqualTo(ABNORMAL);
        assertThat(late.path("successful_instances").asInt()).isEqualTo(1);
        assertThat(late.path("progress").asInt()).isEqualTo(50);

        // once the run demonstrably ended, its real outcome replaces the abnormal state
        bus.apply(run, run.completed(b, "db-b", 5, t0.plusSeconds(60), t0.plusSeconds(2600)),
                run.finished(RunOutcome.COMPLETED, 2, 0, 0, t0.plusSeconds(2601)));
        JsonNode ended = Api.session(run.runId());
        assertThat(ended.path("status").asText()).isEqualTo("completed");
        assertThat(ended.path("error_message").isNull()).isTrue();
        assertThat(ended.path("completed_at").asText()).isEqualTo(t0.plusSeconds(2601).toString());
        awaitSnapshot(updates, run, "completed");
    }

    @Test
    void sessionsThatHeardFromTheirRunRecentlyOrHaveEndedAreLeftAlone() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        Run active = Run.create("active");
        Run finished = Run.create("finished");
        Run silent = Run.create("silent-reference");
        long a = Run.newInstanceId();
        bus.apply(active, active.started(Trigger.MANUAL, "admin", t0, new InstanceRef(a, "db-a")));
        bus.apply(finished, finished.started(Trigger.MANUAL, "admin", t0, new InstanceRef(a, "db-a")),
                finished.completed(a, "db-a", 1, t0, t0.plusSeconds(1)));
        bus.apply(silent, silent.started(Trigger.MANUAL, "admin", t0, new InstanceRef(a, "db-a")));

        lastHeardAgo(active.runId(), Duration.ofMinutes(29));
        lastHeardAgo(finished.runId(), Duration.ofHours(2));
        lastHeardAgo(silent.runId(), Duration.ofMinutes(31));
        // once the silent one is marked, the check has looked at the other two as well
        Api.awaitSession(silent.runId(), s -> s.path("status").asText().equals("failed"));

        assertThat(Api.session(active.runId()).path("status").asText()).isEqualTo("running");
        assertThat(Api.session(finished.runId()).path("status").asText()).isEqualTo("completed");
    }

    private void lastHeardAgo(UUID sessionId, Duration ago) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE sync_session SET last_event_at = now() - ?::interval WHERE session_id = ?")) {
            update.setString(1, ago.toString());
            update.setObject(2, sessionId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private void awaitSnapshot(String updates, Run run, String status) {
        List<TestBus.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            received.addAll(bus.raw().drain(updates));
            return received.stream().anyMatch(r -> r.payload().path("session_id").asText().equals(run.id())
                    && r.payload().path("status").asText().equals(status));
        });
    }
}
