package io.whalefall.query.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.whalefall.testing.TestBus;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Calls the metric window API as a viewer and reads its JSON with full double precision. */
final class MetricsApi {

    static final String WINDOWS = "/api/v1/metrics/windows";
    static final String SERIES = "/api/v1/metrics/series";

    private MetricsApi() {
    }

    /** A request authenticated with HTTP Basic as {@code user} (password = user name in the test profile). */
    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    /** {@code data} of a successful window query. */
    static JsonNode windows(Map<String, ?> parameters) {
        return data(as("viewer").queryParams(parameters).get(WINDOWS));
    }

    /** {@code data} of a successful series list. */
    static JsonNode series(Map<String, ?> parameters) {
        return data(as("viewer").queryParams(parameters).get(SERIES));
    }

    static JsonNode data(Response response) {
        response.then().statusCode(200);
        JsonNode body = json(response);
        return body.path("data");
    }

    static JsonNode json(Response response) {
        try {
            return TestBus.JSON.readTree(response.asString());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }
}
