package io.whalefall.ingestion.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.ingestion.IngestionTestResource;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestBus;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.windows.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import static io.restassured.RestAssured.given;
import static io.whalefall.ingestion.metrics.MetricFixtures.as;
import static io.whalefall.ingestion.metrics.MetricFixtures.eventsOf;
import static io.whalefall.ingestion.metrics.MetricFixtures.newRun;
import static io.whalefall.ingestion.metrics.MetricFixtures.point;
import static io.whalefall.ingestion.metrics.MetricFixtures.recent;
import static io.whalefall.ingestion.metrics.MetricFixtures.storedPoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** POST /api/v1/metrics/points: storing, deduplicating, announcing and refusing metric points. */
@QuarkusTest
@IngestionTestResource
class MetricPointsApiTest {

    private static final String POINTS = "/api/v1/metrics/points";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    TestBus bus;
    String events;

    @BeforeEach
    void tapEvents() {
        bus = new TestBus(infrastructure.virtualHost());
        events = bus.tap("whalefall.events", "metrics.ingested.*");
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void aBatchIsStoredAndAnnouncedAndAResentPointIsNotStoredTwice() throws Exception {
        String run = newRun();
        Instant t = recent();
        as("collector").body(Map.of("points", List.of(
                        point(run, "db.connections", "db-1", t, 12),
                        point(run, "db.connections", "db-1", t.plusSeconds(10), 15.5),
                        point(run, "db.connections", "db-2", t, 3))))
                .post(POINTS).then()
                .statusCode(202)
                .body("success", equalTo(true))
                .body("data.batch_id", notNullValue())
                .body("data.received", equalTo(3))
                .body("data.stored", equalTo(3))
                .body("data.duplicates", equalTo(0));

        // two points again (one with another value: the stored one stays) and one new point
        as("collector").body(Map.of("points", List.of(
                        point(run, "db.connections", "db-1", t, 99),
                        point(run, "db.connections", "db-2", t, 3),
                        point(run, "db.connections", "db-2", t.plusSeconds(10), 4))))
                .post(POINTS).then()
                .statusCode(202)
                .body("data.received", equalTo(3))
                .body("data.stored", equalTo(1))
                .body("data.duplicates", equalTo(2));

        assertThat(storedPoints(dataSource, run)).isEqualTo(4);
        assertThat(storedValue(run, "db-1", t)).isEqualTo(12);
        List<TestBus.Received> announced = awaitPoints(run, 4);
        // each batch's new points, whatever partitions of series they were announced in
        Map<String, List<JsonNode>> byBatch = new HashMap<>();
        announced.forEach(event -> event.payload().path("points").forEach(point -> byBatch.computeIfAbsent(
                event.payload().path("batch_id").asText(), batch -> new ArrayList<>()).add(point)));
        assertThat(byBatch.values()).extracting(List::size).containsExactlyInAnyOrder(3, 1);
        JsonNode last = byBatch.values().stream().filter(points -> points.size() == 1).findFirst().orElseThrow().get(0);
        assertThat(last.path("labels").path("instance").asText()).isEqualTo("db-2");
        assertThat(last.path("value").asDouble()).isEqualTo(4);
        assertThat(Instant.parse(last.path("timestamp").asText())).isEqualTo(t.plusSeconds(10));
        assertThat(announced.get(0).body().path("correlation_id").asText())
                .isEqualTo(announced.get(0).payload().path("batch_id").asText());
    }

    @Test
    void aPointRepeatedWithinABatchIsStoredOnce() throws Exception {
        String run = newRun();
        Instant t = recent();
        as("collector").body(Map.of("points", List.of(point(run, "m", "a", t, 1), point(run, "m", "a", t, 2))))
                .post(POINTS).then()
                .statusCode(202)
                .body("data.stored", equalTo(1))
                .body("data.duplicates", equalTo(1));
        assertThat(storedPoints(dataSource, run)).isEqualTo(1);
        assertThat(storedValue(run, "a", t)).as("the first of the repeats is the one stored").isEqualTo(1);
    }

    @Test
    void oneInvalidPointRejectsTheWholeBatchNamingEveryFaultyField() {
        String run = newRun();
        Instant t = recent();
        Map<String, String> manyLabels = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            manyLabels.put("l" + i, "v");
        }
        manyLabels.put("run", run);
        List<ObjectNode> points = new ArrayList<>();
        points.add(valid(run, t));
        points.add(valid(run, t).without("metric"));
        points.add(valid(run, t).put("metric", "9lives"));
        points.add(valid(run, t).putRawValue("value", new RawValue("1e309"))); // beyond double: Infinity
        points.add(valid(run, Instant.now().plus(1, ChronoUnit.DAYS)));
        points.add(valid(run, Instant.now().minus(8, ChronoUnit.DAYS)));
        points.add(valid(run, t).set("labels", TestBus.JSON.valueToTree(Map.of("run", run, "bad-key", "x"))));
        points.add(valid(run, t).set("labels", TestBus.JSON.valueToTree(manyLabels)));
        points.add(valid(run, t).set("labels", TestBus.JSON.valueToTree(Map.of("run", run, "db", "a\u0007b"))));
        points.add(valid(run, t).without("value"));
        points.add(valid(run, t).put("value", "NaN"));
        points.add(valid(run, t).without("timestamp"));
        String body = TestBus.JSON.createObjectNode().set("points", TestBus.JSON.valueToTree(points)).toString();
        as("collector").body(body).post(POINTS).then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.total_errors", equalTo(11))
                .body("context.errors.field", containsInAnyOrder("points[1].metric", "points[2].metric",
                        "points[3].value", "points[4].timestamp", "points[5].timestamp", "points[6].labels",
                        "points[7].labels", "points[8].labels.db", "points[9].value", "points[10].value",
                        "points[11].timestamp"))
                .body("context.errors.find { it.field == 'points[3].value' }.message", containsString("finite"))
                .body("context.errors.find { it.field == 'points[10].value' }.message", containsString("finite"))
                .body("context.errors.find { it.field == 'points[4].timestamp' }.message", containsString("future"))
                .body("context.errors.find { it.field == 'points[5].timestamp' }.message", containsString("retention"))
                .body("context.errors.find { it.field == 'points[6].labels' }.message", containsString("bad-key"))
                .body("context.errors.find { it.field == 'points[8].labels.db' }.message", containsString("control"))
                .body("message", containsString("points[1].metric"));
        assertThat(storedPoints(dataSource, run)).isZero();
    }

    @Test
    void emptyOversizedAndMalformedBatchesAreRefused() {
        as("collector").body("{\"points\": []}").post(POINTS).then()
                .statusCode(400)
                .body("message_code", equalTo("VALIDATION_ERROR"))
                .body("context.errors[0].field", equalTo("points"));
        String run = newRun();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 151; i++) { // max-points-per-batch is 150 in the test profile
            tooMany.add(point(run, "m", "a", recent().minusSeconds(i), i));
        }
        as("collector").body(Map.of("points", tooMany)).post(POINTS).then()
                .statusCode(400)
                .body("context.errors[0].field", equalTo("points"))
                .body("context.errors[0].message", containsString("at most 150"));
        assertThat(storedPoints(dataSource, run)).isZero();
        as("collector").body("{\"points\": [{\"metric\": \"m\", \"timestamp\": \"yesterday\", \"value\": 1}]}")
                .post(POINTS).then()
                .statusCode(400)
                .body("context.errors[0].field", equalTo("points[0].timestamp"));
        as("collector").body("{\"points\": [").post(POINTS).then()
                .statusCode(400)
                .body("message_code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void aLargeBatchIsAnnouncedInPartsOfBoundedSizeEachWithinOnePartitionOfSeries() {
        String run = newRun();
        Instant t = recent();
        // two series of one partition and one of another: 100 points in the first, 50 in the second
        int first = partitionOf(point(run, "disk.used", "db-0", t, 0));
        List<String> instances = List.of("db-0", instanceWhere(run, t, p -> p == first),
                instanceWhere(run, t, p -> p != first));
        List<Map<String, Object>> points = new ArrayList<>();
        Map<Integer, Integer> perPartition = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            Map<String, Object> point = point(run, "disk.used", instances.get(i % 3), t.minusSeconds(i), i);
            points.add(point);
            perPartition.merge(partitionOf(point), 1, Integer::sum);
        }
        as("collector").body(Map.of("points", points)).post(POINTS).then()
                .statusCode(202)
                .body("data.stored", equalTo(150));
        // points-per-event is 50 (and max-points-per-batch 150) in the test profile
        List<TestBus.Received> parts = awaitPoints(run, 150);

        assertThat(perPartition.values()).containsExactlyInAnyOrder(100, 50);
        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(r -> r.payload().path("parts").asInt()).containsOnly(3);
        assertThat(parts).extracting(r -> r.payload().path("part").asInt()).containsExactly(1, 2, 3);
        assertThat(parts).extracting(r -> r.payload().path("batch_id").asText()).containsOnly(
                parts.get(0).payload().path("batch_id").asText());
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.payload().path("points").size()).isEqualTo(50);
            Set<String> keys = new HashSet<>();
            part.payload().path("points").forEach(p -> keys.add(MetricPartitions.routingKey(MessageType.METRIC_POINTS_INGESTED, partitionOf(p))));
            assertThat(keys).as("routing keys of the points of part %s", part.payload().path("part"))
                    .containsExactly(part.routingKey());
        });
    }

    /** The first instance after db-0 whose series (metric disk.used) falls in a partition that {@code wanted}. */
    private static String instanceWhere(String run, Instant t, IntPredicate wanted) {
        for (int k = 1; ; k++) {
            if (wanted.test(partitionOf(point(run, "disk.used", "db-" + k, t, 0)))) {
                return "db-" + k;
            }
        }
    }

    /** The partition of a point's series, from the point as posted or as announced. */
    private static int partitionOf(Object point) {
        JsonNode node = JSON.valueToTree(point);
        Map<String, String> labels = new HashMap<>();
        node.path("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        return MetricPartitions.of(SeriesKey.of(node.path("metric").asText(), labels).id());
    }

    @Test
    void postingNeedsTheCollectorRole() {
        given().contentType("application/json").body("{}").post(POINTS).then()
                .statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        as("viewer").body("{}").post(POINTS).then()
                .statusCode(403)
                .body("message_code", equalTo("PERMISSION_DENIED"));
        String run = newRun();
        given().header("Authorization", "Bearer dev-collector-token").contentType("application/json")
                .body(Map.of("points", List.of(point(run, "m", "a", recent(), 1)))).post(POINTS).then()
                .statusCode(202)
                .body("data.stored", equalTo(1));
        as("admin").body(Map.of("points", List.of(point(run, "m", "b", recent(), 1)))).post(POINTS).then()
                .statusCode(202);
        // labels are optional: a point without any is a series of its own
        as("collector").body("{\"points\": [{\"metric\": \"unlabelled." + run.substring(0, 8) + "\", \"timestamp\": \""
                        + recent() + "\", \"value\": 1}]}")
                .post(POINTS).then()
                .statusCode(202)
                .body("data.stored", equalTo(1));
    }

    /** Collects the run's MetricPointsIngested events until they hold {@code points} points. */
    private List<TestBus.Received> awaitPoints(String run, int points) {
        List<TestBus.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(eventsOf(bus.drain(events), run));
            return received.stream().mapToInt(r -> r.payload().path("points").size()).sum() >= points;
        });
        received.sort((a, b) -> a.payload().path("part").asInt() - b.payload().path("part").asInt());
        return received;
    }

    private double storedValue(String run, String instance, Instant timestamp) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT value FROM metric_point
                        WHERE labels ->> 'run' = ? AND labels ->> 'instance' = ? AND ts = ?::timestamptz""")) {
            select.setString(1, run);
            select.setString(2, instance);
            select.setString(3, timestamp.toString());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /** A valid point of the run as a JSON tree, to break one field of. */
    private static ObjectNode valid(String run, Instant timestamp) {
        return TestBus.JSON.valueToTree(point(run, "ok.metric", "a", timestamp, 1));
    }
}
