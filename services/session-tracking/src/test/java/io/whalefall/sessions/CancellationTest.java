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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.whalefall.sessions.Api.SESSIONS;
import static io.whalefall.sessions.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** An admin cancels a running session: period-aggregation is told, and the session follows the run's end. */
@QuarkusTest
@SessionsTestResource
class CancellationTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    LifecycleBus bus;
    String commands;

    @BeforeEach
    void connect() {
        bus = new LifecycleBus(infrastructure, dataSource);
        commands = bus.raw().tap("whalefall.commands", "aggregation.cancel-requested");
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void cancellingARunningSessionSendsTheCancelCommandAndTheSessionEndsCancelled() {
        Run run = Run.create("cancel");
        long a = Run.newInstanceId();
        long b = Run.newInstanceId();
        long c = Run.newInstanceId();
        bus.apply(run, run.started(Trigger.SCHEDULED, "scheduler", T0, new InstanceRef(a, "db-a"),
                new InstanceRef(b, "db-b"), new InstanceRef(c, "db-c")),
                run.completed(a, "db-a", 6, T0.plusSeconds(1), T0.plusSeconds(2)));

        as("admin").contentType("application/json").body(Map.of("reason", "maintenance window"))
                .post(SESSIONS + "/" + run.runId() + "/actions/cancel").then()
                .statusCode(202)
                .body("success", equalTo(true))
                .body("message", equalTo("Cancellation requested"))
                .body("data.session_id", equalTo(run.id()))
                .body("data.status", equalTo("running"))
                .body("data.cancel_requested_by", equalTo("admin"))
                .body("data.error_message", equalTo("cancellation requested by admin: maintenance window"))
                .body("data.records.size()", equalTo(3));

        TestBus.Received command = awaitCommand(run);
        assertThat(command.type()).isEqualTo("AggregationCancelRequested");
        assertThat(command.payload().path("requested_by").asText()).isEqualTo("admin");
        assertThat(command.payload().path("reason").asText()).isEqualTo("maintenance window");
        assertThat(command.body().path("correlation_id").asText()).isEqualTo(run.requestId());

        // period-aggregation skips the remaining work items and finishes the run as cancelled
        bus.apply(run, run.skipped(b, "db-b", "run cancelled", T0.plusSeconds(3)),
                run.skipped(c, "db-c", "run cancelled", T0.plusSeconds(3)),
                run.finished(RunOutcome.CANCELLED, 1, 0, 2, T0.plusSeconds(4)));
        JsonNode session = Api.session(run.runId());
        assertThat(session.path("status").asText()).isEqualTo("cancelled");
        assertThat(session.path("error_message").asText()).isEqualTo("cancelled by admin: maintenance window");
        assertThat(session.path("successful_instances").asInt()).isEqualTo(1);
        assertThat(session.path("skipped_instances").asInt()).isEqualTo(2);
        assertThat(session.path("completed_at").asText()).isEqualTo(T0.plusSeconds(4).toString());
    }

    @Test
    void aCancellationNeedsNoBodyAndCannotBeRequestedTwice() {
        Run run = Run.create("cancel-twice");
        bus.apply(run, run.started(Trigger.MANUAL, "admin", T0, new InstanceRef(Run.newInstanceId(), "db-a")));

        given().header("Authorization", "Bearer dev-admin-token")
                .post(SESSIONS + "/" + run.runId() + "/actions/cancel").then()
                .statusCode(202)
                .body("data.cancel_requested_by", equalTo("dev-admin"))
                .body("data.error_message", equalTo("cancellation requested by dev-admin"));
        as("admin").contentType("application/json").body("{}")
                .post(SESSIONS + "/" + run.runId() + "/actions/cancel").then()
                .statusCode(400)
                .body("message_code", equalTo("INVALID_REQUEST"))
                .body("message", containsString("was already requested by dev-admin"));

        TestBus.Received command = awaitCommand(run);
        assertThat(command.payload().path("reason").isNull()).isTrue();
        // the refused second request sent nothing: still exactly one command a moment later
        List<TestBus.Received> more = new ArrayList<>();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> {
            more.addAll(commandsFor(run));
            return more.isEmpty();
        });
    }

    @Test
    void onlyARunningSessionCanBeCancelled() {
        Run run = Run.create("cancel-ended");
        long a = Run.newInstanceId();
        bus.apply(run, run.started(Trigger.MANUAL, "admin", T0, new InstanceRef(a, "db-a")),
                run.completed(a, "db-a", 2, T0, T0.plusSeconds(1)));

        as("admin").post(SESSIONS + "/" + run.runId() + "/actions/cancel").then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("message_code", equalTo("INVALID_REQUEST"))
                .body("message", equalTo("Sync session " + run.runId() + " is completed: only a running session can be cancelled"));
        assertThat(Api.session(run.runId()).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void cancellingNeedsAnAdminAnExistingSessionAndAShortReason() {
        Run run = Run.create("cancel-refused");
        bus.apply(run, run.started(Trigger.MANUAL, "admin", T0, new InstanceRef(Run.newInstanceId(), "db-a")));
        String cancel = SESSIONS + "/" + run.runId() + "/actions/cancel";

        given().post(cancel).then()
                .statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        as("viewer").post(cancel).then()
                .statusCode(403)
                .body("message_code", equalTo("PERMISSION_DENIED"));
        as("admin").post(SESSIONS + "/" + UUID.randomUUID() + "/actions/cancel").then()
                .statusCode(404)
                .body("message_code", equalTo("RESOURCE_NOT_FOUND"));
        as("admin").post(SESSIONS + "/not-a-uuid/actions/cancel").then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors[0].field", equalTo("id"));
        as("admin").contentType("application/json").body(Map.of("reason", "x".repeat(501))).post(cancel).then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors[0].field", equalTo("reason"));
        as("admin").contentType("application/json").body("{\"reason\": ").post(cancel).then()
                .statusCode(400)
                .body("message_code", equalTo("INVALID_REQUEST"));

        assertThat(Api.session(run.runId()).path("cancel_requested_by").isNull()).as("nothing was cancelled").isTrue();
        assertThat(commandsFor(run)).isEmpty();
    }

    private TestBus.Received awaitCommand(Run run) {
        List<TestBus.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            received.addAll(commandsFor(run));
            return !received.isEmpty();
        });
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private List<TestBus.Received> commandsFor(Run run) {
        return bus.raw().drain(commands).stream()
                .filter(r -> r.payload().path("run_id").asText().equals(run.id())).toList();
    }
}
