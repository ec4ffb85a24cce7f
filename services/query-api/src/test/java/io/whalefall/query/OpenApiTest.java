package io.whalefall.query;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * The contract is published as OpenAPI, including the documented sort columns, on the management interface;
 * the API port, which faces clients, serves none of the management endpoints.
 */
@QuarkusTest
@QueryTestResource
class OpenApiTest {

    @TestHTTPResource(value = "openapi", management = true) // under the management root, /q
    URL openApi;

    @Test
    void everyEndpointAndTheSortColumnsAreDocumented() {
        given().queryParam("format", "json").get(openApi).then().statusCode(200)
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

    @ParameterizedTest
    @ValueSource(strings = {"/q/openapi", "/q/metrics", "/q/health/ready", "/q/swagger-ui/"})
    void theApiPortServesNoManagementEndpoint(String path) {
        given().get(path).then().statusCode(404);
    }
}
