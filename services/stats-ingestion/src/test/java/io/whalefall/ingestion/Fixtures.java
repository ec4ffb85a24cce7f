package io.whalefall.ingestion;

import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Shared helpers of the ingestion tests. */
final class Fixtures {

    /** Instance ids are unique per test so that tests never see each other's rows. */
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 100);

    private Fixtures() {
    }

    static long newInstanceId() {
        return IDS.incrementAndGet();
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).contentType("application/json");
    }

    /** Registers an instance and returns its id. */
    static long registerInstance() {
        long id = newInstanceId();
        as("collector").body(Map.of("name", "db-" + id, "db_type", "mysql", "host", "10.0.0." + (id % 250),
                "port", 3306)).put("/api/v1/instances/" + id).then().statusCode(201);
        return id;
    }

    static Map<String, Object> databaseSample(long instanceId, String name, long sizeMb, String collectedAt) {
        return Map.of("instance_id", instanceId, "database_name", name, "size_mb", sizeMb,
                "data_size_mb", sizeMb - sizeMb / 10, "log_size_mb", sizeMb / 10, "collected_at", collectedAt);
    }
}
