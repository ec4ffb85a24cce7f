package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.whalefall.query.QueryTestResource;
import io.whalefall.testing.InjectInfrastructure;
import io.whalefall.testing.TestInfrastructure;
import io.whalefall.windows.Resolution;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.whalefall.query.metrics.MetricsApi.windows;
import static io.whalefall.query.metrics.WindowChecks.assertWindow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every window kind and function of {@code GET /api/v1/metrics/windows}, fed with window states built from
 * raw points and published on the bus, checked against a brute-force computation over those raw points.
 */
@QuarkusTest
@QueryTestResource
class MetricWindowQueryTest {

    /** Three whole UTC days before today: minute windows are still kept (7 days). */
    private static final Instant DAY0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
    private static final String ALL = "count,sum,avg,min,max,stddev,p50,p95,p99,histogram";

    @InjectInfrastructure
    TestInfrastructure infrastructure;

    @Inject
    AgroalDataSource dataSource;

    MetricFeed feed;

    @BeforeEach
    void connect() {
        feed = new MetricFeed(infrastructure, dataSource);
    }

    @AfterEach
    void disconnect() {
        feed.close();
    }

    @Test
    void tumblingWindowsOfAnyMultipleOfAResolutionMatchTheRawPoints() {
        // six hours with a quiet third hour, and a point exactly on every 5-minute boundary of the first hour
        Instant start = DAY0.plus(Duration.ofHours(6));
        List<Point> points = Points.concat(
                Points.random(1, start, start.plus(Duration.ofHours(2)), 20),
                Points.random(2, start.plus(Duration.ofHours(3)), start.plus(Duration.ofHours(6)), 20),
                Points.onBoundaries(start, start.plus(Duration.ofHours(1)), Duration.ofMinutes(5), 1000));
        RawSeries series = RawSeries.of(Points.uniqueMetric("tumbling"), Map.of("instance", "a"), points);
        feed.apply(series);

        JsonNode fiveMinutes = windows(Map.of("metric", series.key().metric(), "window", "5m", "from", start.toString(),
                "to", start.plus(Duration.ofHours(6)).toString(), "functions", ALL, "quantiles", "0.9,0.999"));
        assertThat(fiveMinutes.path("kind").asText()).isEqualTo("tumbling");
        assertThat(fiveMinutes.path("resolution_used").asText()).isEqualTo("1m");
        assertThat(fiveMinutes.path("window").asText()).isEqualTo("5m");
        JsonNode windows = onlyGroup(fiveMinutes).path("windows");
        assertThat(windows).hasSize(72);
        assertContiguous(windows, start, Duration.ofMinutes(5), Duration.ofMinutes(5));
        int counted = 0;
        for (JsonNode window : windows) {
            counted += assertWindow(window, points);
        }
        assertThat(counted).isEqualTo(points.size());
        // the quiet hour: twelve empty windows
        assertThat(windows.get(24).path("count").asLong()).isZero();
        assertThat(windows.get(35).path("count").asLong()).isZero();
        assertThat(windows.get(0).path("quantiles").fieldNames()).toIterable().containsExactly("0.9", "0.999");

        JsonNode hours = windows(Map.of("metric", series.key().metric(), "window", "1h", "from", start.toString(),
                "to", start.plus(Duration.ofHours(6)).toString(), "functions", ALL));
        assertThat(hours.path("resolution_used").asText()).isEqualTo("1h");
        assertThat(onlyGroup(hours).path("windows")).hasSize(6).allSatisfy(window -> assertWindow(window, points));

        JsonNode day = windows(Map.of("metric", series.key().metric(), "window", "1d", "from", DAY0.toString(),
                "to", DAY0.plus(Duration.ofDays(1)).toString(), "functions", ALL));
        assertThat(day.path("resolution_used").asText()).isEqualTo("1d");
        assertThat(onlyGroup(day).path("windows")).singleElement()
                .satisfies(window -> assertThat(assertWindow(window, points)).isEqualTo(points.size()));
    }

    @Test
    void aRangeNotOnAWindowBoundaryStartsWithTheWindowContainingIt() {
        Instant start = DAY0.plus(Duration.ofHours(12));
        List<Point> points = Points.random(3, start, start.plus(Duration.ofHours(1)), 30);
        RawSeries series = RawSeries.of(Points.uniqueMetric("unaligned"), Map.of(), points);
        feed.apply(series);

        JsonNode data = windows(Map.of("metric", series.key().metric(), "window", "15m",
                "from", start.plus(Duration.ofMinutes(7)).toString(), "to", start.plus(Duration.ofMinutes(31)).toString()));
        JsonNode windows = onlyGroup(data).path("windows");
        // 00:00–00:15, 00:15–00:30, 00:30–00:45: whole windows, the last one reaching past "to"
        assertThat(windows).hasSize(3);
        assertContiguous(windows, start, Duration.ofMinutes(15), Duration.ofMinutes(15));
        windows.forEach(window -> assertWindow(window, points));
        assertThat(data.path("from").asText()).isEqualTo(start.plus(Duration.ofMinutes(7)).toString());
    }

    @Test
    void slidingWindowsOfADayByTheHourAreMergedFromHourlyStates() {
        List<Point> points = Points.random(4, DAY0, DAY0.plus(Duration.ofDays(3)), 240);
        RawSeries series = RawSeries.of(Points.uniqueMetric("sliding"), Map.of("instance", "a"), points);
        feed.apply(series);

        JsonNode data = windows(Map.of("metric", series.key().metric(), "window", "24h", "slide", "1h",
                "from", DAY0.toString(), "to", DAY0.plus(Duration.ofDays(2)).toString(), "functions", ALL,
                "quantiles", "0.25"));
        assertThat(data.path("kind").asText()).isEqualTo("sliding");
        assertThat(data.path("resolution_used").asText()).isEqualTo("1h");
        assertThat(data.path("slide").asText()).isEqualTo("1h");
        JsonNode windows = onlyGroup(data).path("windows");
        assertThat(windows).hasSize(48);
        assertContiguous(windows, DAY0, Duration.ofHours(1), Duration.ofHours(24));
        windows.forEach(window -> assertThat(assertWindow(window, points)).isPositive());
    }

    @Test
    void slidingWindowsMayOverlapLittleOrLeaveGapsAndUseTheResolutionTheSlideNeeds() {
        Instant start = DAY0.plus(Duration.ofDays(1));
        List<Point> points = Points.random(5, start, start.plus(Duration.ofHours(8)), 60);
        RawSeries series = RawSeries.of(Points.uniqueMetric("hopping"), Map.of(), points);
        feed.apply(series);

        // one hour every three hours: the hours between belong to no window
        JsonNode hopping = windows(Map.of("metric", series.key().metric(), "window", "1h", "slide", "3h",
                "from", start.toString(), "to", start.plus(Duration.ofHours(8)).toString(), "functions", ALL));
        assertThat(hopping.path("resolution_used").asText()).isEqualTo("1h");
        assertThat(onlyGroup(hopping).path("windows")).hasSize(3).allSatisfy(window -> assertWindow(window, points));

        // a 30-minute slide is not a whole hour: minute states
        JsonNode fine = windows(Map.of("metric", series.key().metric(), "window", "2h", "slide", "30m",
                "from", start.plus(Duration.ofHours(1)).toString(), "to", start.plus(Duration.ofHours(5)).toString(),
                "functions", ALL));
        assertThat(fine.path("resolution_used").asText()).isEqualTo("1m");
        JsonNode windows = onlyGroup(fine).path("windows");
        assertThat(windows).hasSize(8);
        assertContiguous(windows, start.plus(Duration.ofHours(1)), Duration.ofMinutes(30), Duration.ofHours(2));
        windows.forEach(window -> assertWindow(window, points));
    }

    @Test
    void sessionWindowsSplitWhereTheSeriesWasQuietForTheGap() {
        Instant start = DAY0.plus(Duration.ofDays(1)).plus(Duration.ofHours(3));
        // activity 00:00–01:00, 40 quiet minutes, 01:40–02:10, 10 quiet minutes, 02:20–03:00
        List<Point> points = Points.concat(
                Points.random(6, start, start.plus(Duration.ofHours(1)), 30),
                Points.random(7, start.plus(Duration.ofMinutes(100)), start.plus(Duration.ofMinutes(130)), 30),
                Points.random(8, start.plus(Duration.ofMinutes(140)), start.plus(Duration.ofMinutes(180)), 30));
        RawSeries series = RawSeries.of(Points.uniqueMetric("sessions"), Map.of("db", "orders"), points);
        feed.apply(series);

        Instant from = start.minus(Duration.ofHours(1));
        Instant to = start.plus(Duration.ofHours(4));
        JsonNode minutes = windows(Map.of("metric", series.key().metric(), "session_gap", "30m", "from", from.toString(),
                "to", to.toString(), "functions", ALL));
        assertThat(minutes.path("kind").asText()).isEqualTo("session");
        assertThat(minutes.path("resolution_used").asText()).isEqualTo("1m");
        assertThat(minutes.path("session_gap").asText()).isEqualTo("30m");
        assertThat(minutes.path("window").isNull()).isTrue();
        assertSessions(onlyGroup(minutes).path("windows"), points, Resolution.MINUTE, Duration.ofMinutes(30), 2);

        // a gap of whole hours uses hourly states: session boundaries fall on hours
        JsonNode hours = windows(Map.of("metric", series.key().metric(), "session_gap", "2h", "from", from.toString(),
                "to", to.toString(), "functions", ALL));
        assertThat(hours.path("resolution_used").asText()).isEqualTo("1h");
        assertSessions(onlyGroup(hours).path("windows"), points, Resolution.HOUR, Duration.ofHours(2), 1);

        // the range cuts sessions: only the states inside it count
        JsonNode cut = windows(Map.of("metric", series.key().metric(), "session_gap", "30m",
                "from", start.plus(Duration.ofMinutes(30)).toString(), "to", start.plus(Duration.ofMinutes(120)).toString()));
        JsonNode sessions = onlyGroup(cut).path("windows");
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).path("start").asText()).isEqualTo(start.plus(Duration.ofMinutes(30)).toString());
        assertThat(sessions.get(1).path("end").asText()).isEqualTo(start.plus(Duration.ofMinutes(120)).toString());
        sessions.forEach(session -> assertWindow(session, points));
    }

    @Test
    void seriesAreGroupedByAnyLabelAndFilteredByLabels() {
        String metric = Points.uniqueMetric("grouped");
        Instant start = DAY0.plus(Duration.ofDays(2));
        Instant end = start.plus(Duration.ofHours(2));
        RawSeries a1 = RawSeries.of(metric, Map.of("instance", "i1", "db", "a"), Points.random(10, start, end, 60));
        RawSeries b1 = RawSeries.of(metric, Map.of("instance", "i1", "db", "b"), Points.random(11, start, end, 60));
        RawSeries a2 = RawSeries.of(metric, Map.of("instance", "i2", "db", "a"), Points.random(12, start, end, 60));
        RawSeries b2 = RawSeries.of(metric, Map.of("instance", "i2", "db", "b", "zone", "z1"),
                Points.random(13, start, end, 60));
        feed.apply(a1, b1, a2, b2);
        Map<String, String> range = Map.of("metric", metric, "window", "30m", "from", start.toString(),
                "to", end.toString(), "functions", ALL);

        // by instance: two groups, each merging two series
        JsonNode byInstance = windows(with(range, "group_by", "instance"));
        assertThat(byInstance.path("group_by")).hasSize(1);
        assertThat(byInstance.path("series_count").asInt()).isEqualTo(4);
        JsonNode groups = byInstance.path("groups");
        assertThat(groups).hasSize(2);
        assertGroup(groups.get(0), Map.of("instance", "i1"), 2, WindowChecks.all(a1, b1));
        assertGroup(groups.get(1), Map.of("instance", "i2"), 2, WindowChecks.all(a2, b2));

        // a filter on a label: one group per series (no group_by), with all its labels
        JsonNode dbA = windows(with(range, "label.db", "a"));
        assertThat(dbA.path("group_by").isNull()).isTrue();
        assertThat(dbA.path("groups")).hasSize(2);
        assertGroup(dbA.path("groups").get(0), Map.of("instance", "i1", "db", "a"), 1, a1.points());
        assertGroup(dbA.path("groups").get(1), Map.of("instance", "i2", "db", "a"), 1, a2.points());

        // several filters must all match
        JsonNode one = windows(with(with(range, "label.db", "b"), "label.instance", "i2"));
        assertThat(one.path("groups")).singleElement()
                .satisfies(group -> assertGroup(group, Map.of("instance", "i2", "db", "b", "zone", "z1"), 1, b2.points()));

        // empty group_by: everything merged into one group without labels
        JsonNode merged = windows(with(range, "group_by", ""));
        assertThat(merged.path("group_by")).isEmpty();
        assertThat(merged.path("groups")).singleElement()
                .satisfies(group -> assertGroup(group, Map.of(), 4, WindowChecks.all(a1, b1, a2, b2)));

        // grouping by a label some series lack: they form the group where it is null
        JsonNode byZone = windows(with(range, "group_by", "zone"));
        assertThat(byZone.path("groups")).hasSize(2);
        assertThat(byZone.path("groups").get(0).path("labels").path("zone").isNull()).isTrue();
        assertGroup(byZone.path("groups").get(0), null, 3, WindowChecks.all(a1, b1, a2));
        assertGroup(byZone.path("groups").get(1), Map.of("zone", "z1"), 1, b2.points());

        // no series matches: no groups
        JsonNode none = windows(with(range, "label.db", "missing"));
        assertThat(none.path("series_count").asInt()).isZero();
        assertThat(none.path("groups")).isEmpty();
    }

    @Test
    void aSinglePointOnABoundaryBelongsToTheWindowItStartsAndEmptyWindowsHaveNullStatistics() {
        Instant point = DAY0.plus(Duration.ofDays(1)).plus(Duration.ofHours(10)).plus(Duration.ofMinutes(5));
        List<Point> points = List.of(new Point(point, 42.5));
        RawSeries series = RawSeries.of(Points.uniqueMetric("single"), Map.of(), points);
        feed.apply(series);

        JsonNode data = windows(Map.of("metric", series.key().metric(), "window", "5m",
                "from", point.minus(Duration.ofMinutes(5)).toString(), "to", point.plus(Duration.ofMinutes(10)).toString(),
                "functions", ALL, "quantiles", "0,1"));
        JsonNode windows = onlyGroup(data).path("windows");
        assertThat(windows).hasSize(3);
        windows.forEach(window -> assertWindow(window, points));
        JsonNode before = windows.get(0);
        assertThat(before.path("count").asLong()).isZero();
        assertThat(before.path("sum").asDouble()).isZero();
        for (String undefined : List.of("avg", "min", "max", "stddev", "p50", "p95", "p99")) {
            assertThat(before.get(undefined).isNull()).as(undefined).isTrue();
        }
        JsonNode on = windows.get(1);
        assertThat(on.path("start").asText()).isEqualTo(point.toString());
        for (String value : List.of("sum", "avg", "min", "max", "p50", "p95", "p99")) {
            assertThat(on.path(value).asDouble()).as(value).isEqualTo(42.5);
        }
        assertThat(on.path("stddev").asDouble()).isZero();
        assertThat(on.path("quantiles").path("0").asDouble()).isEqualTo(42.5);
        assertThat(on.path("quantiles").path("1").asDouble()).isEqualTo(42.5);

        // a sliding day holds it in every window that covers it; one session of one minute
        JsonNode sliding = windows(Map.of("metric", series.key().metric(), "window", "24h", "slide", "12h",
                "from", DAY0.toString(), "to", DAY0.plus(Duration.ofDays(2)).toString()));
        assertThat(onlyGroup(sliding).path("windows")).hasSize(4).allSatisfy(window -> assertWindow(window, points));
        JsonNode session = windows(Map.of("metric", series.key().metric(), "session_gap", "5m",
                "from", DAY0.plus(Duration.ofDays(1)).toString(), "to", DAY0.plus(Duration.ofDays(2)).toString()));
        assertThat(onlyGroup(session).path("windows")).singleElement().satisfies(s -> {
            assertThat(s.path("start").asText()).isEqualTo(point.toString());
            assertThat(s.path("end").asText()).isEqualTo(point.plus(Duration.ofMinutes(1)).toString());
            assertThat(s.path("count").asLong()).isEqualTo(1);
        });
    }

    @Test
    void onlyTheRequestedStatisticsAreReturned() {
        Instant start = DAY0.plus(Duration.ofHours(20));
        List<Point> points = Points.random(20, start, start.plus(Duration.ofHours(1)), 30);
        RawSeries series = RawSeries.of(Points.uniqueMetric("functions"), Map.of(), points);
        feed.apply(series);
        Map<String, String> range = Map.of("metric", series.key().metric(), "window", "1h", "from", start.toString(),
                "to", start.plus(Duration.ofHours(1)).toString());

        JsonNode defaults = onlyGroup(windows(range)).path("windows").get(0);
        assertThat(defaults.fieldNames()).toIterable()
                .containsExactly("start", "end", "count", "sum", "avg", "min", "max", "stddev", "p50", "p95", "p99");
        assertWindow(defaults, points);

        JsonNode some = windows(with(with(range, "functions", "max,histogram"), "quantiles", "0.5,0.999"));
        assertThat(some.path("functions")).extracting(JsonNode::asText).containsExactly("count", "max", "histogram");
        JsonNode window = onlyGroup(some).path("windows").get(0);
        assertThat(window.fieldNames()).toIterable()
                .containsExactly("start", "end", "count", "max", "quantiles", "histogram");
        assertThat(window.path("histogram").path("counts")).hasSize(RawSeries.BOUNDS.buckets());
        assertWindow(window, points);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static JsonNode onlyGroup(JsonNode data) {
        assertThat(data.path("groups")).hasSize(1);
        return data.path("groups").get(0);
    }

    private static void assertContiguous(JsonNode windows, Instant first, Duration slide, Duration size) {
        for (int i = 0; i < windows.size(); i++) {
            Instant start = first.plus(slide.multipliedBy(i));
            assertThat(windows.get(i).path("start").asText()).as("start of window %d", i).isEqualTo(start.toString());
            assertThat(windows.get(i).path("end").asText()).as("end of window %d", i).isEqualTo(start.plus(size).toString());
        }
    }

    private static void assertGroup(JsonNode group, Map<String, String> labels, int series, List<Point> points) {
        if (labels != null) {
            assertThat(TestJson.labels(group.path("labels"))).isEqualTo(labels);
        }
        assertThat(group.path("series_count").asInt()).isEqualTo(series);
        int counted = 0;
        for (JsonNode window : group.path("windows")) {
            counted += assertWindow(window, points);
        }
        assertThat(counted).isEqualTo(points.size());
    }

    /**
     * Sessions from the brute-force view: the resolution windows holding raw points, split where the quiet
     * time between one active window's end and the next one's start reaches the gap.
     */
    private static void assertSessions(JsonNode sessions, List<Point> points, Resolution resolution, Duration gap,
            int expected) {
        TreeSet<Instant> active = new TreeSet<>();
        points.forEach(p -> active.add(resolution.windowStart(p.time())));
        List<Instant[]> bounds = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        for (Instant window : active) {
            if (start != null && Duration.between(end, window).compareTo(gap) >= 0) {
                bounds.add(new Instant[] {start, end});
                start = null;
            }
            if (start == null) {
                start = window;
            }
            end = window.plus(resolution.size());
        }
        bounds.add(new Instant[] {start, end});
        assertThat(bounds).hasSize(expected);
        assertThat(sessions).hasSize(expected);
        for (int i = 0; i < expected; i++) {
            assertThat(sessions.get(i).path("start").asText()).isEqualTo(bounds.get(i)[0].toString());
            assertThat(sessions.get(i).path("end").asText()).isEqualTo(bounds.get(i)[1].toString());
            assertThat(assertWindow(sessions.get(i), points)).isPositive();
        }
    }

    private static Map<String, String> with(Map<String, String> parameters, String key, String value) {
        Map<String, String> more = new HashMap<>(parameters);
        more.put(key, value);
        return more;
    }
}
