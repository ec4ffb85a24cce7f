package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.whalefall.contracts.metrics.MetricSeriesDeltas;
import io.whalefall.query.QueryTestResource;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.windows.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.whalefall.query.metrics.MetricsApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every parameter of the metric window API is validated (400 VALIDATION_ERROR naming it, all faults at
 * once), the work and the size of an answer are capped, and reads need the viewer role.
 */
@QuarkusTest
@QueryTestResource
class MetricWindowValidationTest {

    @TestHTTPResource(value = "openapi", management = true) // under the management root, /q
    URL openApi;

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {MetricsApi.WINDOWS, MetricsApi.SERIES})
    void readsNeedAViewer(String path) {
        given().queryParam("metric", "m").queryParam("window", "5m").get(path).then().statusCode(401)
                .body("message_code", equalTo("AUTHENTICATION_REQUIRED"));
        as("collector").queryParam("metric", "m").queryParam("window", "5m").get(path).then().statusCode(403)
                .body("message_code", equalTo("PERMISSION_DENIED"));
        as("viewer").queryParam("metric", "m").queryParam("window", "5m").get(path).then().statusCode(200)
                .body("success", equalTo(true));
    }

    @Test
    void eachFaultyParameterIsNamed() {
        assertRejected(Map.of("window", "5m"), "metric", "is required");
        assertRejected(Map.of("metric", "m"), "window", "is required");
        assertRejected(Map.of("metric", "m", "slide", "1h"), "window", "is required with slide");
        assertRejected(Map.of("metric", "m", "window", "90s"), "window", "minutes, hours or days");
        assertRejected(Map.of("metric", "m", "window", "0m"), "window", "positive");
        assertRejected(Map.of("metric", "m", "window", "1h", "slide", "-1h"), "slide", "positive");
        assertRejected(Map.of("metric", "m", "window", "1h", "session_gap", "30m"), "session_gap", "alone");
        assertRejected(Map.of("metric", "m", "session_gap", "never"), "session_gap", "minutes, hours or days");
        assertRejected(Map.of("metric", "m", "window", "5m", "from", "yesterday"), "from", "ISO-8601");
        assertRejected(Map.of("metric", "m", "window", "5m", "to", "2026-11-20"), "to", "ISO-8601");
        assertRejected(Map.of("metric", "m", "window", "5m", "from", "0001-01-01T00:00:00Z"), "from", "must lie between");
        assertRejected(Map.of("metric", "m", "window", "5m", "from", NOW.toString(),
                "to", NOW.minus(Duration.ofHours(1)).toString()), "from", "must be before to");
        assertRejected(Map.of("metric", "m", "window", "5m", "functions", "count,median"), "functions",
                "each value must be one of count, sum, avg, min, max, stddev, p50, p95, p99, histogram");
        assertRejected(Map.of("metric", "m", "window", "5m", "functions", ","), "functions", "at least one");
        assertRejected(Map.of("metric", "m", "window", "5m", "quantiles", "0.5,1.5"), "quantiles", "from 0 to 1");
        assertRejected(Map.of("metric", "m", "window", "5m", "quantiles", "NaN"), "quantiles", "from 0 to 1");
        assertRejected(Map.of("metric", "m", "window", "5m", "quantiles", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.99"),
                "quantiles", "at most 10");
        assertRejected(Map.of("metric", "m", "window", "5m", "group_by", "instance,*"), "group_by", "label names");
        assertRejected(Map.of("metric", "m", "window", "5m", "label.bad-name", "x"), "label.bad-name", "label names");
        assertRejected(Map.of("metric", "m", "window", "5m", "label.db", "x".repeat(201)), "label.db", "at most 200");
        assertRejected(Map.of("metric", "m", "window", "5m", "label.db", "a\u0001"), "label.db", "control characters");
        assertRejected(Map.of("metric", "m\u0000"), "metric", "control characters");
    }

    @Test
    void aLabelTakesOneValueAndEveryFaultOfARequestIsReportedAtOnce() {
        Response response = as("viewer").queryParam("label.db", "a").queryParam("label.db", "b")
                .queryParam("window", "5x").queryParam("functions", "nope").get(MetricsApi.WINDOWS);
        response.then().statusCode(400).body("message_code", equalTo("VALIDATION_ERROR"));
        assertThat(fields(response)).containsExactlyInAnyOrder("metric", "label.db", "window", "functions");
    }

    @Test
    void theRangeMustFitTheResolutionTheWindowsNeed() {
        // 5-minute windows come from minute states, kept for 7 days
        assertRejected(Map.of("metric", "m", "window", "5m", "from", NOW.minus(Duration.ofDays(10)).toString()), "from",
                "windows of 5m are merged from 1m windows, which are kept for 7d");
        // two-hour windows from hourly states, kept for 90 days
        assertRejected(Map.of("metric", "m", "window", "2h", "from", NOW.minus(Duration.ofDays(100)).toString()), "from",
                "kept for 90d");
        // daily windows reach back two years, but one query covers at most 400 days
        assertRejected(Map.of("metric", "m", "window", "1d", "from", NOW.minus(Duration.ofDays(500)).toString()), "from",
                "over at most 400d");
        // sessions of a 30-minute gap come from minute states too
        assertRejected(Map.of("metric", "m", "session_gap", "30m", "from", NOW.minus(Duration.ofDays(8)).toString()),
                "from", "sessions with a gap of 30m are built from 1m windows");
        // a week of minute windows is more than a response may hold
        assertRejected(Map.of("metric", "m", "window", "1m", "from", NOW.minus(Duration.ofDays(7)).plus(Duration.ofHours(1))
                .toString(), "to", NOW.toString()), "window", "10020 windows, more than the 10000");
        // the same range in daily windows is fine
        as("viewer").queryParams(Map.of("metric", "m", "window", "1d", "from", NOW.minus(Duration.ofDays(300)).toString()))
                .get(MetricsApi.WINDOWS).then().statusCode(200).body("data.resolution_used", equalTo("1d"));
    }

    @Test
    void theSeriesStatesAndWindowsAQueryMayTouchAreCapped() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String metric = Points.uniqueMetric("capped");
        MetricFeed feed = new MetricFeed(infrastructure, dataSource);
        try {
            List<MetricSeriesDeltas> deltas = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                SeriesKey key = SeriesKey.of(metric, Map.of("instance", "i" + i, "group", i < 4 ? "small" : "large"));
                deltas.add(RawSeries.delta(key, hour.minus(Duration.ofHours(1)), i));
            }
            feed.apply(deltas);
        } finally {
            feed.close();
        }
        Map<String, String> twoDays = Map.of("metric", metric, "from", hour.minus(Duration.ofDays(2)).toString(),
                "to", hour.toString());
        // the test profile allows 8 series per query (whalefall.metrics.query.max-series)
        assertRejected(with(twoDays, "window", "1h"), "metric", "more than 8 series");
        // four series, each its own group, of 2880 minute windows: more than 10000 windows in all
        Map<String, String> small = with(with(twoDays, "label.group", "small"), "window", "1m");
        assertRejected(small, "group_by", "4 groups × 2880 windows = 11520, more than the 10000");
        // merged into one group it is fine
        as("viewer").queryParams(with(small, "group_by", "")).get(MetricsApi.WINDOWS).then().statusCode(200)
                .body("data.groups[0].series_count", equalTo(4)).body("data.groups[0].windows.size()", equalTo(2880));
        // six days of minute states of four series: more than the 30000 states the test profile allows
        assertRejected(Map.of("metric", metric, "label.group", "small", "group_by", "", "window", "5m",
                "from", hour.minus(Duration.ofDays(6)).toString(), "to", hour.toString()), "from",
                "up to 34560 stored 1m windows (4 series × 8640), more than the 30000");
    }

    @Test
    void theEndpointsAreDocumented() {
        given().queryParam("format", "json").get(openApi).then().statusCode(200)
                .body(containsString("/api/v1/metrics/windows"))
                .body(containsString("/api/v1/metrics/series"))
                .body(containsString("Absent or *: one result per series"));
    }

    private static void assertRejected(Map<String, String> parameters, String field, String message) {
        Response response = as("viewer").queryParams(new HashMap<>(parameters)).get(MetricsApi.WINDOWS);
        response.then().statusCode(400).body("success", equalTo(false)).body("message_code", equalTo("VALIDATION_ERROR"));
        JsonNode errors = MetricsApi.json(response).path("context").path("errors");
        assertThat(errors).as("errors of %s", parameters)
                .anySatisfy(error -> {
                    assertThat(error.path("field").asText()).isEqualTo(field);
                    assertThat(error.path("message").asText()).contains(message);
                });
    }

    private static Map<String, String> with(Map<String, String> parameters, String key, String value) {
        Map<String, String> more = new HashMap<>(parameters);
        more.put(key, value);
        return more;
    }

    private static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        MetricsApi.json(response).path("context").path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
