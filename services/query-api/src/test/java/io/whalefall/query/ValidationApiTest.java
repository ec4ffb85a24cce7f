package io.whalefall.query;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static io.whalefall.query.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/** Every parameter is checked: a faulty one is a 400 naming it, and hostile input never reaches SQL as text. */
@QuarkusTest
@QueryTestResource
class ValidationApiTest {

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/capacity/databases | instance_id | abc",
            "/api/v1/capacity/databases | instance_id | 0",
            "/api/v1/capacity/databases | instance_id | -3",
            "/api/v1/capacity/databases | instance_id | 99999999999999999999999",
            "/api/v1/capacity/databases | instance_id | 1 OR 1=1",
            "/api/v1/capacity/databases | instance_id | １２",
            "/api/v1/capacity/databases | db_type | mongodb",
            "/api/v1/capacity/databases | db_type | mysql';DROP TABLE instance;--",
            "/api/v1/capacity/databases | period_type | yearly",
            "/api/v1/capacity/databases | start_date | 2026-13-01",
            "/api/v1/capacity/databases | start_date | 2026-02-30",
            "/api/v1/capacity/databases | start_date | 20260101",
            "/api/v1/capacity/databases | end_date | 2026-1-1",
            "/api/v1/capacity/databases | end_date | +10000-01-01",
            "/api/v1/capacity/databases | time_range | 0",
            "/api/v1/capacity/databases | time_range | 3651",
            "/api/v1/capacity/databases | time_range | week",
            "/api/v1/capacity/databases | page | 0",
            "/api/v1/capacity/databases | page | 1e3",
            "/api/v1/capacity/databases | page | 100001",
            "/api/v1/capacity/databases | limit | 0",
            "/api/v1/capacity/databases | limit | 201",
            "/api/v1/capacity/databases | get_all | yes",
            "/api/v1/capacity/databases | sort | password",
            "/api/v1/capacity/databases | sort | period_start; DELETE FROM database_period",
            "/api/v1/capacity/databases | order | sideways",
            "/api/v1/capacity/instances | sort | database_name",
            "/api/v1/capacity/instances/summary | period_type | hourly",
            "/api/v1/capacity/databases/summary | start_date | yesterday",
            "/api/v1/capacity/trends/databases | top | 51",
            "/api/v1/capacity/trends/databases | rank_by | luck",
            "/api/v1/capacity/trends/instances | metric | avg_log_size_mb",
            "/api/v1/capacity/forecasts/instances | instance_id | x",
            "/api/v1/sync-sessions | status | done",
            "/api/v1/sync-sessions | sync_type | cron",
            "/api/v1/sync-sessions | start_date | 2026/01/01",
            "/api/v1/sync-sessions | limit | 500"})
    void aFaultyParameterIsA400NamingIt(String path, String parameter, String value) {
        as("viewer").queryParam(parameter, value).get(path).then().statusCode(400)
                .body("success", equalTo(false)).body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors[0].field", equalTo(parameter));
    }

    @Test
    void allFaultyParametersAreReportedTogether() {
        as("viewer").queryParam("limit", "0").queryParam("page", "x").queryParam("start_date", "2026-03-02")
                .queryParam("end_date", "2026-03-01").get("/api/v1/capacity/databases").then().statusCode(400)
                .body("context.errors.field", contains("start_date", "page", "limit"));
    }

    @Test
    void requiredForecastParametersAreNamedWhenMissing() {
        as("viewer").get("/api/v1/capacity/forecasts/databases").then().statusCode(400)
                .body("context.errors.field", contains("instance_id", "database_name"));
        as("viewer").queryParam("instance_id", 1).queryParam("window_days", 1)
                .get("/api/v1/capacity/forecasts/instances").then().statusCode(400)
                .body("context.errors.field", contains("window_days"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "orders; DROP TABLE database_period; --", "\\\\x00", "数据库_订单",
            "🐋 whale", "‮reversed", "%", "_", "' UNION SELECT password FROM pg_shadow --"})
    void hostileButWellFormedNamesAreJustNamesThatMatchNothing(String name) {
        as("viewer").queryParam("database_name", name).get("/api/v1/capacity/databases").then().statusCode(200)
                .body("data.total", equalTo(0));
        as("viewer").queryParam("database_name", name).get("/api/v1/capacity/instances/summary").then().statusCode(200);
        as("viewer").queryParam("database_name", name).get("/api/v1/capacity/trends/databases").then().statusCode(200);
    }

    @Test
    void namesThatCannotBeValidAreRefused() {
        as("viewer").queryParam("database_name", "a\u0000b").get("/api/v1/capacity/databases").then().statusCode(400)
                .body("context.errors[0].field", equalTo("database_name"));
        as("viewer").queryParam("database_name", "n".repeat(256)).get("/api/v1/capacity/databases").then()
                .statusCode(400).body("context.errors[0].field", equalTo("database_name"));
        as("viewer").queryParam("database_name", "   ").get("/api/v1/capacity/databases").then().statusCode(400);
    }

    @Test
    void anEnormousQueryNeverBecomesAServerError() {
        as("viewer").queryParam("database_name", "z".repeat(20_000)).get("/api/v1/capacity/databases").then()
                .statusCode(lessThan(500));
        as("viewer").queryParam("db_type", "mysql,".repeat(500)).get("/api/v1/capacity/databases").then()
                .statusCode(200);
    }

    @Test
    void sessionIdsMustBeUuidsAndUnknownOnesAreNotFound() {
        as("viewer").get("/api/v1/sync-sessions/not-a-uuid").then().statusCode(400)
                .body("context.errors[0].field", equalTo("id"));
        as("viewer").get("/api/v1/sync-sessions/" + UUID.randomUUID()).then().statusCode(404)
                .body("message_code", equalTo("RESOURCE_NOT_FOUND"));
        as("viewer").get("/api/v1/sync-sessions/" + UUID.randomUUID() + "/events").then().statusCode(404)
                .body("message_code", equalTo("RESOURCE_NOT_FOUND"));
    }
}
