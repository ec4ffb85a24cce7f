package io.whalefall.ingestion.metrics;

import io.agroal.api.AgroalDataSource;
import io.restassured.specification.RequestSpecification;
import io.whalefall.testing.TestBus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Helpers of the metric ingestion tests. Every test labels its points with a run id of its own. */
final class MetricFixtures {

    private MetricFixtures() {
    }

    /** A label value no other test uses. */
    static String newRun() {
        return UUID.randomUUID().toString();
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).contentType("application/json");
    }

    /** An hour ago, to the second: well inside the raw retention and the clock-skew allowance. */
    static Instant recent() {
        return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A point of {@code metric} labelled with the run and {@code instance}. */
    static Map<String, Object> point(String run, String metric, String instance, Instant timestamp, double value) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("metric", metric);
        point.put("labels", Map.of("run", run, "instance", instance));
        point.put("timestamp", timestamp.toString());
        point.put("value", value);
        return point;
    }

    /** The points of the run announced in MetricPointsIngested events, from events drained off a tap. */
    static List<TestBus.Received> eventsOf(List<TestBus.Received> drained, String run) {
        List<TestBus.Received> mine = new ArrayList<>();
        for (TestBus.Received event : drained) {
            for (var point : event.payload().path("points")) {
                if (run.equals(point.path("labels").path("run").asText())) {
                    mine.add(event);
                    break;
                }
            }
        }
        return mine;
    }

    /** Number of stored raw points of the run. */
    static long storedPoints(AgroalDataSource dataSource, String run) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM metric_point WHERE labels ->> 'run' = ?")) {
            select.setString(1, run);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
