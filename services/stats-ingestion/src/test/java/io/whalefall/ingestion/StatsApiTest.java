package io.whalefall.ingestion;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.whalefall.ingestion.Fixtures.as;
import static io.whalefall.ingestion.Fixtures.databaseSample;
import static io.whalefall.ingestion.Fixtures.registerInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@IngestionTestResource
class StatsApiTest {

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    TestBus bus;
    String events;

    @BeforeEach
    void tapEvents() {
        bus = new TestBus(infrastructure.virtualHost());
        events = bus.tap("whalefall.events", "stats.ingested");
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void aBatchIsStoredAndAnnouncedAndAResentSampleIsNotStoredTwice() throws Exception {
        long id = registerInstance();
        Map<String, Object> batch = Map.of(
                "databases", List.of(
                        databaseSample(id, "orders", 1200, "2026-11-20T10:00:00+08:00"),
                        databaseSample(id, "users", 300, "2026-11-20T10:00:00+08:00")),
                "instances", List.of(Map.of("instance_id", id, "total_size_mb", 1500, "database_count", 2,
                        "collected_at", "2026-11-20T10:00:00+08:00")));
        as("collector").body(batch).post("/api/v1/capacity/stats").then()
                .statusCode(202)
                .body("data.databases.received", equalTo(2))
                .body("data.databases.stored", equalTo(2))
                .body("data.instances.stored", equalTo(1));

        // the same samples again, plus one new one: only the new one is stored and announced
        Map<String, Object> resent = Map.of("databases", List.of(
                databaseSample(id, "orders", 1200, "2026-11-20T02:00:00Z"),
                databaseSample(id, "orders", 1250, "2026-11-21T10:00:00+08:00")),
                "instances", List.of(Map.of("instance_id", id, "total_size_mb", 1500, "database_count", 2,
                        "collected_at", "2026-11-20T10:00:00+08:00")));
        as("collector").body(resent).post("/api/v1/capacity/stats").then()
                .statusCode(202)
                .body("data.databases.received", equalTo(2))
                .body("data.databases.stored", equalTo(1))
                .body("data.databases.duplicates", equalTo(1))
                .body("data.instances.stored", equalTo(0))
                .body("data.instances.duplicates", equalTo(1));

        assertThat(count("SELECT count(*) FROM database_size_sample WHERE instance_id = ?", id)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM instance_size_sample WHERE instance_id = ?", id)).isEqualTo(1);
        List<TestBus.Received> announced = awaitStatsFor(id, 4);
        assertThat(announced).extracting(StatsApiTest::sampleCount).containsExactly(3, 1);
        assertThat(announced.get(1).payload().at("/databases/size_mb/0").asLong()).isEqualTo(1250);
    }

    @Test
    void aSampleRepeatedWithinOneBatchIsStoredAndAnnouncedOnceAsItsFirstOccurrence() throws Exception {
        long id = registerInstance();
        Map<String, Object> batch = Map.of("databases", List.of(
                databaseSample(id, "orders", 1200, "2026-11-20T10:00:00+08:00"),
                databaseSample(id, "orders", 9999, "2026-11-20T02:00:00Z"),
                databaseSample(id, "users", 300, "2026-11-20T10:00:00+08:00")));
        as("collector").body(batch).post("/api/v1/capacity/stats").then()
                .statusCode(202)
                .body("data.databases.received", equalTo(3))
                .body("data.databases.stored", equalTo(2))
                .body("data.databases.duplicates", equalTo(1));

        assertThat(count("SELECT size_mb FROM database_size_sample WHERE instance_id = ? AND database_name = 'orders'",
                id)).isEqualTo(1200);
        List<TestBus.Received> announced = awaitStatsFor(id, 2);
        assertThat(announced).extracting(StatsApiTest::sampleCount).containsExactly(2);
        // the event carries the time as microseconds since the epoch: 2026-11-20T02:00:00Z
        assertThat(announced.get(0).payload().at("/databases/collected_at_unix_us/0").asLong())
                .isEqualTo(1_795_140_000_000_000L);
        assertThat(announced.get(0).payload().at("/databases/size_mb/0").asLong()).isEqualTo(1200);
    }

    @Test
    void oneInvalidRowRejectsTheWholeBatchNamingEveryFaultyField() throws Exception {
        long id = registerInstance();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(databaseSample(id, "ok", 10, "2026-11-20T10:00:00+08:00"));
        rows.add(Map.of("instance_id", id, "database_name", "", "size_mb", -5, "collected_at", future));
        rows.add(databaseSample(999_999_999L, "ghost", 10, "2026-11-20T10:00:00+08:00"));
        as("collector").body(Map.of("databases", rows)).post("/api/v1/capacity/stats").then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.total_errors", equalTo(4))
                .body("context.errors.field", hasItems("databases[1].database_name", "databases[1].size_mb",
                        "databases[1].collected_at", "databases[2].instance_id"))
                .body("message", containsString("databases[1]"));
        assertThat(count("SELECT count(*) FROM database_size_sample WHERE instance_id = ?", id)).isZero();
    }

    @Test
    void typeAndFormatErrorsNameTheField() {
        long id = registerInstance();
        as("collector").body("{\"databases\":[{\"instance_id\":" + id
                        + ",\"database_name\":\"a\",\"size_mb\":\"big\",\"collected_at\":\"2026-11-20T10:00:00+08:00\"}]}")
                .post("/api/v1/capacity/stats").then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors[0].field", equalTo("databases[0].size_mb"));
        as("collector").body("{\"databases\":[{\"instance_id\":" + id
                        + ",\"database_name\":\"a\",\"size_mb\":1,\"collected_at\":\"2026-11-20 10:00\"}]}")
                .post("/api/v1/capacity/stats").then()
                .statusCode(400)
                .body("context.errors[0].field", equalTo("databases[0].collected_at"));
        as("collector").body("{\"databases\": [").post("/api/v1/capacity/stats").then()
                .statusCode(400)
                .body("message_code", equalTo("INVALID_REQUEST"));
        as("collector").body("{}").post("/api/v1/capacity/stats").then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void aLargeBatchIsAnnouncedInPartsOfBoundedSize() {
        long id = registerInstance();
        List<Map<String, Object>> rows = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.parse("2026-01-01T08:00:00+08:00");
        for (int i = 0; i < 90; i++) {
            rows.add(databaseSample(id, "db" + (i % 3), 100 + i, start.plusDays(i / 3).toString()));
        }
        List<Map<String, Object>> instanceRows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            instanceRows.add(Map.of("instance_id", id, "total_size_mb", 1000 + i, "database_count", 3,
                    "collected_at", start.plusDays(i).toString()));
        }
        as("collector").body(Map.of("databases", rows, "instances", instanceRows)).post("/api/v1/capacity/stats").then()
                .statusCode(202)
                .body("data.databases.stored", equalTo(90))
                .body("data.instances.stored", equalTo(30));
        // samples-per-event is 50 in the test profile: the database samples, then the instance samples
        List<TestBus.Received> parts = awaitStatsFor(id, 120);
        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(r -> r.payload().path("parts").asInt()).containsOnly(3);
        assertThat(parts).extracting(StatsApiTest::sampleCount).containsExactlyInAnyOrder(50, 50, 20);
        TestBus.Received mixed = parts.stream().filter(r -> r.payload().path("part").asInt() == 2).findFirst()
                .orElseThrow();
        assertThat(mixed.payload().at("/databases/size_mb")).hasSize(40);
        assertThat(mixed.payload().at("/databases/size_mb/0").asLong()).isEqualTo(150);
        assertThat(mixed.payload().at("/instances/total_size_mb")).hasSize(10);
        assertThat(mixed.payload().at("/instances/total_size_mb/0").asLong()).isEqualTo(1000);
    }

    @Test
    void anOversizedBatchIsRefusedWithTheErrorEnvelope() {
        // the test profile limits bodies to 64K
        String padding = "x".repeat(70 * 1024);
        as("collector").body(Map.of("databases", List.of(), "padding", padding)).post("/api/v1/capacity/stats").then()
                .statusCode(413)
                .contentType(containsString("application/json"))
                .body("message_code", equalTo("INVALID_REQUEST"))
                .body("message", containsString("limit"));
    }

    @Test
    void postingNeedsTheCollectorRole() {
        given().contentType("application/json").body("{}").post("/api/v1/capacity/stats").then().statusCode(401);
        as("viewer").body("{}").post("/api/v1/capacity/stats").then()
                .statusCode(403)
                .body("message_code", equalTo("PERMISSION_DENIED"));
    }

    /** Collects StatsIngested events about {@code instanceId} until they hold {@code samples} samples. */
    private List<TestBus.Received> awaitStatsFor(long instanceId, int samples) {
        List<TestBus.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            bus.drain(events).stream().filter(r -> mentions(r, instanceId)).forEach(received::add);
            return received.stream().mapToInt(StatsApiTest::sampleCount).sum() >= samples;
        });
        return received;
    }

    /** The samples of a StatsIngested event: the length of its instance_id columns. */
    private static int sampleCount(TestBus.Received event) {
        return event.payload().at("/databases/instance_id").size()
                + event.payload().at("/instances/instance_id").size();
    }

    private static boolean mentions(TestBus.Received event, long instanceId) {
        for (String kind : List.of("databases", "instances")) {
            for (var sampleInstance : event.payload().path(kind).path("instance_id")) {
                if (sampleInstance.asLong() == instanceId) {
                    return true;
                }
            }
        }
        return false;
    }

    private long count(String sql, long id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
