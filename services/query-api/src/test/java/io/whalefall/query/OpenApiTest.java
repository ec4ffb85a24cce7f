package io.whalefall.query;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** The contract is published as OpenAPI, including the documented sort columns. */
@QuarkusTest
@QueryTestResource
class OpenApiTest {

    @Test
    void everyEndpointAndTheSortColumnsAreDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/capacity/databases"))
                .body(containsString("/api/v1/capacity/databases/summary"))
                .body(containsString("/api/v1/capacity/instances/summary"))
                .body(containsString("/api/v1/capacity/trends/databases"))
                .body(containsString("/api/v1/capacity/forecasts/instances"))
                .body(containsString("/api/v1/capacity/aggregations/backfill"))
                .body(containsString("/api/v1/sync-sessions/{id}/events"))
                .body(containsString("/api/v1/auth/me"))
                .body(containsString("Sort column. Databases: period_start (default)"));
    }
}
