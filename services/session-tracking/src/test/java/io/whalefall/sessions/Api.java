package io.whalefall.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.specification.RequestSpecification;
import io.whalefall.testing.TestBus;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Calls to session tracking's API. */
final class Api {

    static final String SESSIONS = "/api/v1/sync-sessions";

    private Api() {
    }

    /** Requests authenticated as one of the test users (password = user name). */
    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    /** The {@code data} of the session's sync details, as a viewer sees them; null when it does not exist (yet). */
    static JsonNode session(UUID sessionId) {
        var response = as("viewer").get(SESSIONS + "/" + sessionId + "/sync-details");
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET session " + sessionId + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        return read(response.asString()).path("data");
    }

    /** Waits until the session exists and matches {@code condition}; returns it. */
    static JsonNode awaitSession(UUID sessionId, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = session(sessionId);
            return last[0] != null && condition.test(last[0]);
        });
        return last[0];
    }

    static JsonNode read(String json) {
        try {
            return TestBus.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
