package io.whalefall.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.platform.calendar.PeriodCalendar;
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
import java.util.List;
import java.util.Map;

import static io.whalefall.query.Fixtures.as;
import static io.whalefall.query.Fixtures.daily;
import static io.whalefall.query.Fixtures.database;
import static io.whalefall.query.Fixtures.instance;
import static io.whalefall.query.Fixtures.newId;
import static io.whalefall.query.Fixtures.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Administrators trigger aggregation runs: the request is published as AggregationRequested through the outbox. */
@QuarkusTest
@QueryTestResource
class AggregationApiTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    EventFeed feed;
    String commands;

    @BeforeEach
    void connect() {
        feed = new EventFeed(infrastructure, dataSource);
        commands = feed.bus().tap("whalefall.commands", "aggregation.requested");
    }

    @AfterEach
    void disconnect() {
        feed.close();
    }

    @Test
    void aggregatingTheCurrentDayOfAllInstancesPublishesTheCommandAndNamesTheSessionToFollow() {
        JsonPath result = as("admin").contentType("application/json").body("{}")
                .post("/api/v1/capacity/aggregations/current").then().statusCode(202)
                .body("success", equalTo(true))
                .body("data.result.status", equalTo("queued"))
                .body("data.result.period_type", equalTo("daily"))
                .body("data.result.period_start", equalTo(today().toString()))
                .body("data.result.period_end", equalTo(today().toString()))
                .body("data.result.scope", equalTo("all"))
                .body("data.result.requested_period_type", equalTo("daily"))
                .body("data.result.effective_period_type", equalTo("daily"))
                .body("data.result.instance_summary.scope", equalTo("all"))
                .body("data.result.instance_summary.instance_ids", nullValue())
                .body("data.result.session.status", equalTo("pending"))
                .body("data.result.message", containsString("follow session"))
                .extract().jsonPath().setRootPath("data.result");

        String requestId = result.getString("request_id");
        assertThat(result.getString("session.id")).isEqualTo(RunId.forRequest(requestId).toString());
        assertThat(result.getString("session.events_url")).endsWith("/api/v1/sync-sessions/" + result.getString("session.id")
                + "/events");
        JsonNode command = published(requestId);
        assertThat(command.path("trigger").asText()).isEqualTo("manual");
        assertThat(command.path("requested_by").asText()).isEqualTo("admin");
        assertThat(command.path("mode").asText()).isEqualTo("current");
        assertThat(command.path("period_types").toString()).isEqualTo("[\"daily\"]");
        assertThat(command.path("scope").path("instance_ids").size()).isZero();
        assertThat(command.path("force").asBoolean()).isFalse();
    }

    @Test
    void theCurrentPeriodFollowsTheCalendarOfItsType() {
        for (PeriodType type : List.of(PeriodType.WEEKLY, PeriodType.MONTHLY, PeriodType.QUARTERLY)) {
            PeriodRef period = PeriodCalendar.containing(type, today());
            as("admin").contentType("application/json").body(Map.of("period_type", type.code()))
                    .post("/api/v1/capacity/aggregations/current").then().statusCode(202)
                    .body("data.result.period_type", equalTo(type.code()))
                    .body("data.result.period_start", equalTo(period.periodStart().toString()))
                    .body("data.result.period_end", equalTo(period.periodEnd().toString()));
        }
    }

    @Test
    void instanceAndDatabaseScopesNameTheirInstancesAndDescribeWhatTheReadModelKnows() {
        long first = newId();
        long second = newId();
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(first, "a", "mysql", 1, null), instance(second, "b", "mysql", 1,
                null));
        feed.apply(MessageType.PERIOD_COMPLETED, daily(first, LocalDate.of(2026, 1, 5),
                List.of(database("x", 1, null), database("y", 2, null))));

        String requestId = as("admin").contentType("application/json")
                .body(Map.of("scope", "instance", "instance_ids", List.of(first, second)))
                .post("/api/v1/capacity/aggregations/current").then().statusCode(202)
                .body("data.result.scope", equalTo("instance"))
                .body("data.result.instance_summary.instances", equalTo(2))
                .body("data.result.database_summary.databases", equalTo(2))
                .extract().path("data.result.request_id");
        assertThat(published(requestId).path("scope").path("instance_ids").toString())
                .isEqualTo("[" + first + "," + second + "]");

        requestId = as("admin").contentType("application/json")
                .body(Map.of("scope", "database", "instance_id", first, "database_name", "y", "period_type", "monthly"))
                .post("/api/v1/capacity/aggregations/current").then().statusCode(202)
                .body("data.result.scope", equalTo("database"))
                .body("data.result.database_summary.databases", equalTo(1))
                .body("data.result.database_summary.database_name", equalTo("y"))
                .extract().path("data.result.request_id");
        JsonNode command = published(requestId);
        assertThat(command.path("scope").path("instance_ids").toString()).isEqualTo("[" + first + "]");
        assertThat(command.path("period_types").toString()).isEqualTo("[\"monthly\"]");
    }

    @Test
    void aBadTriggerRequestIsRefusedWithTheFieldsNamedAndNothingIsQueued() throws Exception {
        long queuedBefore = queued();
        as("admin").contentType("application/json").body(Map.of("period_type", "hourly", "scope", "galaxy"))
                .post("/api/v1/capacity/aggregations/current").then().statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors.field", contains("period_type", "scope"));
        as("admin").contentType("application/json").body(Map.of("scope", "instance"))
                .post("/api/v1/capacity/aggregations/current").then().statusCode(400)
                .body("context.errors.field", contains("instance_ids"));
        long unknown = newId();
        as("admin").contentType("application/json").body(Map.of("scope", "instance", "instance_ids", List.of(unknown)))
                .post("/api/v1/capacity/aggregations/current").then().statusCode(400)
                .body("context.errors[0].field", equalTo("instance_ids"))
                .body("context.errors[0].message", containsString(String.valueOf(unknown)));
        as("admin").contentType("application/json").body(Map.of("scope", "database", "instance_id", newId()))
                .post("/api/v1/capacity/aggregations/current").then().statusCode(400)
                .body("context.errors.field", hasItem("database_name"));
        as("admin").contentType("application/json").body("{\"instance_ids\": [\"one\"], \"scope\": \"instance\"}")
                .post("/api/v1/capacity/aggregations/current").then().statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR")).body("message", containsString("instance_ids[0]"));
        as("admin").contentType("application/json").body("{\"period_type\": ")
                .post("/api/v1/capacity/aggregations/current").then().statusCode(400)
                .body("message_code", equalTo("INVALID_REQUEST"));

        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void aBackfillPublishesARangeRequestWithItsPeriods() {
        long id = newId();
        feed.apply(MessageType.INSTANCE_UPSERTED, instance(id, "a", "oracle", 1, null));

        String requestId = as("admin").contentType("application/json")
                .body(Map.of("period_types", List.of("daily", "monthly", "daily"), "from", "2026-01-30", "to", "2026-03-02",
                        "scope", "instance", "instance_ids", List.of(id), "force", true))
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(202)
                .body("data.result.status", equalTo("queued")).body("data.result.mode", equalTo("range"))
                .body("data.result.period_types", contains("daily", "monthly"))
                .body("data.result.days", equalTo(32))
                .body("data.result.periods.daily", equalTo(32)).body("data.result.periods.monthly", equalTo(3))
                .body("data.result.force", equalTo(true))
                .body("data.result.session.status", equalTo("pending"))
                .extract().path("data.result.request_id");

        JsonNode command = published(requestId);
        assertThat(command.path("mode").asText()).isEqualTo("range");
        assertThat(command.path("from").asText()).isEqualTo("2026-01-30");
        assertThat(command.path("to").asText()).isEqualTo("2026-03-02");
        assertThat(command.path("force").asBoolean()).isTrue();
        assertThat(command.path("period_types").toString()).isEqualTo("[\"daily\",\"monthly\"]");
    }

    @Test
    void aBackfillWithoutPeriodTypesCoversAllFourAndBadRangesAreRefused() {
        as("admin").contentType("application/json").body(Map.of("from", "2026-01-01", "to", "2026-01-31"))
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(202)
                .body("data.result.period_types", contains("daily", "weekly", "monthly", "quarterly"))
                .body("data.result.scope", equalTo("all"));

        as("admin").contentType("application/json").body(Map.of("from", "2026-02-01", "to", "2026-01-01"))
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(400)
                .body("context.errors.field", contains("from"));
        as("admin").contentType("application/json").body(Map.of("from", "2020-01-01", "to", "2026-01-01"))
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(400)
                .body("context.errors[0].field", equalTo("to"))
                .body("context.errors[0].message", containsString("at most 800"));
        as("admin").contentType("application/json")
                .body(Map.of("from", today().plusDays(3).toString(), "to", today().plusDays(4).toString()))
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(400)
                .body("context.errors[0].message", containsString("future"));
        as("admin").contentType("application/json").body(Map.of("to", "2026-13-01", "period_types", List.of("yearly")))
                .post("/api/v1/capacity/aggregations/backfill").then().statusCode(400)
                .body("context.errors.field", contains("period_types[0]", "to", "from"));
    }

    /** Requests accepted so far (each is logged with its command in one transaction). */
    private long queued() throws Exception {
        return feed.count("SELECT count(*) FROM aggregation_request");
    }

    /** The AggregationRequested command of {@code requestId}, once it reached the bus. */
    private JsonNode published(String requestId) {
        List<TestBus.Received> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            seen.addAll(feed.bus().drain(commands));
            return seen.stream().anyMatch(m -> requestId.equals(m.payload().path("request_id").asText()));
        });
        TestBus.Received message = seen.stream().filter(m -> requestId.equals(m.payload().path("request_id").asText()))
                .findFirst().orElseThrow();
        assertThat(message.type()).isEqualTo("AggregationRequested");
        assertThat(message.body().path("correlation_id").asText()).isEqualTo(requestId);
        return message.payload();
    }
}
