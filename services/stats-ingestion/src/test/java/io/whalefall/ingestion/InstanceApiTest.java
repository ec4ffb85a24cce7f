package io.whalefall.ingestion;

import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.whalefall.ingestion.Fixtures.as;
import static io.whalefall.ingestion.Fixtures.newInstanceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@IngestionTestResource
class InstanceApiTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    TestBus bus;
    String events;

    @BeforeEach
    void tapEvents() {
        bus = new TestBus(infrastructure.virtualHost());
        events = bus.tap("whalefall.events", "instance.upserted");
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void registeringAnInstancePublishesItAndUpdatesBumpTheVersion() {
        long id = newInstanceId();
        Map<String, Object> body = Map.of("name", "orders-primary", "db_type", "postgresql", "host", "pg-1.internal",
                "port", 5432, "capacity_mb", 500_000);
        as("collector").body(body).put("/api/v1/instances/" + id).then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("data.id", equalTo((int) id))
                .body("data.is_active", equalTo(true))
                .body("data.version", equalTo(1));

        as("collector").body(Map.of("name", "orders-primary", "db_type", "postgresql", "host", "pg-1.internal",
                "port", 5432, "capacity_mb", 500_000, "is_active", false)).put("/api/v1/instances/" + id).then()
                .statusCode(200)
                .body("message", equalTo("Instance updated"))
                .body("data.version", equalTo(2))
                .body("data.is_active", equalTo(false));

        List<TestBus.Received> published = awaitEvents(id, 2);
        assertThat(published).extracting(r -> r.payload().path("version").asInt()).containsExactly(1, 2);
        assertThat(published.get(1).payload().path("is_active").asBoolean()).isFalse();
        assertThat(published.get(0).payload().path("capacity_mb").asLong()).isEqualTo(500_000);
        assertThat(published.get(0).body().path("source").asText()).isEqualTo("stats-ingestion");
    }

    @Test
    void anIdenticalPutChangesNothingAndPublishesNothing() {
        long id = newInstanceId();
        Map<String, Object> body = Map.of("name", "reports", "db_type", "mysql", "host", "10.1.1.1", "port", 3306);
        as("collector").body(body).put("/api/v1/instances/" + id).then().statusCode(201);
        as("collector").body(body).put("/api/v1/instances/" + id).then()
                .statusCode(200)
                .body("message", equalTo("Instance unchanged"))
                .body("data.version", equalTo(1));
        List<TestBus.Received> published = awaitEvents(id, 1);
        // the second PUT must not add an event: the count stays at one for two seconds
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> {
            published.addAll(eventsFor(id));
            return published.size() == 1;
        });
    }

    @Test
    void invalidInstancesAreRefusedNamingTheField() {
        as("collector").body(Map.of("name", "x", "db_type", "mongodb", "host", "h", "port", 70000))
                .put("/api/v1/instances/" + newInstanceId()).then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors.field", hasItem("db_type"))
                .body("context.errors.field", hasItem("port"));
        as("collector").body(Map.of("name", "x", "db_type", "mysql", "host", "h", "port", 1))
                .put("/api/v1/instances/abc").then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors[0].field", equalTo("id"));
        as("collector").body("{\"name\": ").put("/api/v1/instances/" + newInstanceId()).then()
                .statusCode(400)
                .body("message_code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void writesNeedACollectorAndReadsNeedAViewer() {
        long id = newInstanceId();
        Map<String, Object> body = Map.of("name", "x", "db_type", "mysql", "host", "h", "port", 1);
        given().contentType("application/json").body(body).put("/api/v1/instances/" + id).then()
                .statusCode(401)
                .header("WWW-Authenticate", notNullValue())
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        given().auth().preemptive().basic("collector", "wrong").contentType("application/json").body(body)
                .put("/api/v1/instances/" + id).then()
                .statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        as("viewer").body(body).put("/api/v1/instances/" + id).then()
                .statusCode(403)
                .body("message_code", equalTo("PERMISSION_DENIED"));
        given().header("Authorization", "Bearer dev-collector-token").contentType("application/json").body(body)
                .put("/api/v1/instances/" + id).then()
                .statusCode(201);
        as("viewer").get("/api/v1/instances/" + id).then()
                .statusCode(200)
                .body("data.name", equalTo("x"));
        as("viewer").get("/api/v1/instances/" + newInstanceId()).then()
                .statusCode(404)
                .body("message_code", equalTo("RESOURCE_NOT_FOUND"));
    }

    /** Waits for {@code count} InstanceUpserted events of instance {@code id}. */
    private List<TestBus.Received> awaitEvents(long id, int count) {
        List<TestBus.Received> received = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(eventsFor(id));
            return received.size() >= count;
        });
        return received;
    }

    private List<TestBus.Received> eventsFor(long id) {
        return bus.drain(events).stream().filter(r -> r.payload().path("instance_id").asLong() == id).toList();
    }
}
