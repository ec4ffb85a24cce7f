package io.whalefall.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.whalefall.contracts.aggregation.InstanceRef;
import io.whalefall.contracts.aggregation.RunOutcome;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The sync-session API contract: WhaleFall envelopes, filters, pagination, errors and roles. Each test's
 * sessions start on a day of their own (far in the future), so that date filters isolate them.
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
    void theListShowsSessionsNewestFirstInTheWhaleFallEnvelope() {
        LocalDate day = newDay();
        Run early = startedRun(day, "09:00", Trigger.MANUAL);
        Run late = startedRun(day, "11:00", Trigger.MANUAL);
        Run middle = startedRun(day, "10:00", Trigger.MANUAL);

        list("start_date=" + day + "&end_date=" + day)
                .body("success", equalTo(true))
                .body("error", equalTo(false))
                .body("message", equalTo("Sync sessions"))
                .body("timestamp", notNullValue())
                .body("data.items.session_id", contains(late.id(), middle.id(), early.id()))
                .body("data.total", equalTo(3))
                .body("data.page", equalTo(1))
                .body("data.pages", equalTo(1))
                .body("data.limit", equalTo(20))
                .body("data.has_prev", equalTo(false))
                .body("data.has_next", equalTo(false))
                .body("data.items[0]", not(hasKey("records")))
                .body("data.items[0].status", equalTo("running"))
                .body("data.items[0].sync_category", equalTo("aggregation"))
                .body("data.items[0].total_instances", equalTo(1))
                .body("data.items[0].started_at", equalTo(at(day, "11:00").toString()));
    }

    @Test
    void filtersCombineAndDatesAreWholeDaysInTheServiceZone() {
        LocalDate day = newDay();
        Run manual = startedRun(day, "08:00", Trigger.MANUAL);
        long a = Run.newInstanceId();
        bus.apply(manual, manual.completed(instanceOf(manual), "db", 1, at(day, "08:00"), at(day, "08:01")),
                manual.finished(RunOutcome.COMPLETED, 1, 0, 0, at(day, "08:02")));
        Run rejected = Run.create("api-rejected");
        bus.apply(rejected, rejected.rejected("scheduled", "scheduler", "aggregation is switched off", at(day, "04:00")));
        Run external = startedRun(day, "23:30", Trigger.EXTERNAL);
        Run nextDay = Run.create("api-next-day");
        bus.apply(nextDay, nextDay.started(Trigger.EXTERNAL, "planner", at(day.plusDays(1), "00:30"), new InstanceRef(a, "db")));
        String days = "start_date=" + day + "&end_date=" + day;

        list(days).body("data.items.session_id", contains(external.id(), manual.id(), rejected.id()));
        list(days + "&status=completed").body("data.items.session_id", contains(manual.id()));
        list(days + "&status=failed").body("data.items.session_id", contains(rejected.id()));
        list(days + "&sync_type=scheduled_task").body("data.items.session_id", contains(rejected.id()));
        list(days + "&sync_type=external&status=running").body("data.items.session_id", contains(external.id()));
        list(days + "&sync_type=manual_task&status=failed").body("data.items", empty()).body("data.total", equalTo(0));
        list(days + "&sync_category=aggregation").body("data.total", equalTo(3));
        list("start_date=" + day.plusDays(1) + "&end_date=" + day.plusDays(1))
                .body("data.items.session_id", contains(nextDay.id()));
        list("end_date=" + day.minusDays(1) + "&start_date=" + day.minusDays(1)).body("data.total", equalTo(0));
    }

    @Test
    void pagesHaveTheirBoundsAndAPageBeyondTheLastIsEmpty() {
        LocalDate day = newDay();
        for (int hour = 10; hour < 15; hour++) {
            startedRun(day, hour + ":00", Trigger.SCHEDULED);
        }
        String days = "start_date=" + day + "&end_date=" + day;

        list(days + "&limit=2").body("data.items.size()", equalTo(2)).body("data.total", equalTo(5))
                .body("data.page", equalTo(1)).body("data.pages", equalTo(3)).body("data.limit", equalTo(2))
                .body("data.has_prev", equalTo(false)).body("data.has_next", equalTo(true))
                .body("data.items[0].started_at", equalTo(at(day, "14:00").toString()));
        list(days + "&limit=2&page=3").body("data.items.size()", equalTo(1))
                .body("data.has_prev", equalTo(true)).body("data.has_next", equalTo(false))
                .body("data.items[0].started_at", equalTo(at(day, "10:00").toString()));
        list(days + "&limit=2&page=4").body("data.items", empty()).body("data.total", equalTo(5))
                .body("data.page", equalTo(4)).body("data.has_prev", equalTo(true)).body("data.has_next", equalTo(false));
        list(days + "&limit=200&page=1").body("data.items.size()", equalTo(5)).body("data.limit", equalTo(200));
        LocalDate empty = newDay();
        list("start_date=" + empty + "&end_date=" + empty).body("data.items", empty()).body("data.total", equalTo(0))
                .body("data.pages", equalTo(0)).body("data.has_prev", equalTo(false)).body("data.has_next", equalTo(false));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "status, done", "status, RUNNING", "sync_type, manual", "sync_category, account",
            "start_date, 2026-13-01", "end_date, yesterday", "end_date, +999999999-12-31", "page, 0", "page, -1", "page, two", "limit, 0", "limit, 500",
            "limit, 20.5"})
    void aBadFilterIsAValidationErrorNamingTheParameter(String parameter, String value) {
        as("viewer").get(SESSIONS + "?" + parameter + "=" + value).then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", equalTo(true))
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("error_id", notNullValue())
                .body("message", containsString(parameter))
                .body("context.errors.field", contains(parameter));
    }

    @Test
    void aStartDateAfterTheEndDateIsRefusedAndEveryFaultIsListed() {
        as("viewer").get(SESSIONS + "?start_date=2026-11-20&end_date=2026-11-19").then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors[0].field", equalTo("start_date"))
                .body("context.errors[0].message", containsString("after end_date"));
        as("viewer").get(SESSIONS + "?status=x&page=0&limit=201").then()
                .statusCode(400)
                .body("context.errors.field", contains("status", "page", "limit"));
    }

    @Test
    void theDetailHasTheRecordsAndTheErrorLogOnlyTheFailedOnes() {
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

        as("viewer").get(SESSIONS + "/" + run.runId()).then()
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
        for (String path : List.of("", "/error-logs")) {
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
        String detail = SESSIONS + "/" + run.runId();

        given().get(SESSIONS).then()
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
        as("admin").get(detail + "/error-logs").then().statusCode(200);
        given().header("Authorization", "Bearer dev-admin-token").get(SESSIONS + "?start_date=" + day).then()
                .statusCode(200)
                .body("data.items.session_id", contains(run.id()));
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

    private static ValidatableResponse list(String query) {
        return as("viewer").get(SESSIONS + "?" + query).then().statusCode(200);
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
