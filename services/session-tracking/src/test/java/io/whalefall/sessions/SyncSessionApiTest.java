package io.whalefall.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static io.whalefall.sessions.Api.SESSIONS;
import static io.whalefall.sessions.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Session tracking's API contract: WhaleFall envelopes, the sync details and error logs, errors and roles; the
 * list and the session view are query-api's alone. Each test's sessions start on a day of their own.
 */
@QuarkusTest
@SessionsTestResource
class SyncSessionApiTest {

    @TestHTTPResource(value = "openapi", management = true) // under the management root, /q
    URL openApi;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger DAYS = new AtomicInteger();

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
    void theSyncDetailsHaveEveryRecordWithItsPeriodsAndTheErrorLogOnlyTheFailedOnes() {
        LocalDate day = newDay();
        Run run = Run.create("api-detail");
        long a = Run.newInstanceId();
        long b = Run.newInstanceId();
        long c = Run.newInstanceId();
        Instant t0 = at(day, "04:00");
        bus.apply(run, run.started(Trigger.SCHEDULED, "scheduler", t0, new InstanceRef(a, "orders"),
                        new InstanceRef(b, "billing"), new InstanceRef(c, "audit")),
                run.completed(a, "orders", 10, t0, t0.plusSeconds(5)),
                run.failed(b, "billing", "aggregation failed: division by zero", t0, t0.plusSeconds(6)),
                run.skipped(c, "audit", "every period was already aggregated", t0.plusSeconds(7)),
                run.finished(RunOutcome.FAILED, 1, 1, 1, t0.plusSeconds(8)));

        as("viewer").get(SESSIONS + "/" + run.runId() + "/sync-details").then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("message", equalTo("Sync session"))
                .body("data.session_id", equalTo(run.id()))
                .body("data.request_id", equalTo(run.requestId()))
                .body("data.status", equalTo("failed"))
                .body("data.mode", equalTo("current"))
                .body("data.periods[0].period_type", equalTo("daily"))
                .body("data.periods[0].period_start", equalTo(Run.DAY.toString()))
                .body("data.records.instance_name", contains("audit", "billing", "orders"))
                .body("data.records.status", contains("skipped", "failed", "completed"))
                .body("data.records[2].items_synced", equalTo(10))
                .body("data.records[2].sync_details.period_type", contains("daily", "weekly"))
                .body("data.records[2].sync_details[0].revision", equalTo(1));
        as("viewer").get(SESSIONS + "/" + run.runId() + "/error-logs").then()
                .statusCode(200)
                .body("message", equalTo("Sync session error logs"))
                .body("data.session.session_id", equalTo(run.id()))
                .body("data.session.error_message", equalTo("1 of 3 instances failed: billing"))
                .body("data.error_count", equalTo(1))
                .body("data.error_records.instance_id", contains((int) b))
                .body("data.error_records[0].error_message", equalTo("aggregation failed: division by zero"));
    }

    @Test
    void anUnknownSessionIsNotFoundAndAMalformedIdIsAValidationError() {
        UUID unknown = UUID.randomUUID();
        for (String path : List.of("/sync-details", "/error-logs")) {
            as("viewer").get(SESSIONS + "/" + unknown + path).then()
                    .statusCode(404)
                    .body("success", equalTo(false))
                    .body("message_code", equalTo("RESOURCE_NOT_FOUND"))
                    .body("message", containsString(unknown.toString()));
            as("viewer").get(SESSIONS + "/12345" + path).then()
                    .statusCode(400)
                    .body("message_code", equalTo("VALIDATION_ERROR"))
                    .body("context.errors[0].field", equalTo("id"));
        }
    }

    @Test
    void readsNeedAViewerOrAdmin() {
        LocalDate day = newDay();
        Run run = startedRun(day, "12:00", Trigger.MANUAL);
        String session = SESSIONS + "/" + run.runId();
        String detail = session + "/sync-details";

        given().get(detail).then()
                .statusCode(401)
                .header("WWW-Authenticate", notNullValue())
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        given().auth().preemptive().basic("viewer", "wrong").get(detail).then()
                .statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        as("collector").get(detail).then()
                .statusCode(403)
                .body("message_code", equalTo("PERMISSION_DENIED"));
        as("viewer").get(detail).then().statusCode(200);
        as("admin").get(session + "/error-logs").then().statusCode(200);
        given().header("Authorization", "Bearer dev-admin-token").get(detail).then()
                .statusCode(200)
                .body("data.session_id", equalTo(run.id()));
    }

    @Test
    void theListAndTheSessionViewAreLeftToQueryApiSoThatOnePathHasOneAnswer() {
        Run run = startedRun(newDay(), "12:00", Trigger.MANUAL);

        as("viewer").get(SESSIONS).then().statusCode(404).body("message_code", equalTo("RESOURCE_NOT_FOUND"));
        as("viewer").get(SESSIONS + "/" + run.runId()).then().statusCode(404)
                .body("message_code", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void theApiIsDocumentedAndTheServiceReportsReady() {
        given().queryParam("format", "json").get(openApi).then()
                .statusCode(200)
                .body(containsString("/api/v1/sync-sessions/{id}/actions/cancel"))
                .body(containsString("Sync sessions"));
        given().get(readiness).then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }


    /** A run of one instance that started at {@code time} (zone time) on {@code day}. */
    private Run startedRun(LocalDate day, String time, Trigger trigger) {
        Run run = Run.create("api");
        bus.apply(run, run.started(trigger, "admin", at(day, time), new InstanceRef(Run.newInstanceId(), "db")));
        return run;
    }

    private static long instanceOf(Run run) {
        JsonNode session = Api.session(run.runId());
        assertThat(session).isNotNull();
        return session.path("records").get(0).path("instance_id").asLong();
    }

    private static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time.length() == 4 ? "0" + time : time)).atZone(ZONE).toInstant();
    }

    private static LocalDate newDay() {
        return LocalDate.of(2091, 1, 1).plusDays(3L * DAYS.incrementAndGet());
    }
}
