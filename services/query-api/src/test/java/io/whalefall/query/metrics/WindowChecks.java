package io.whalefall.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks a window of an API answer against a brute-force computation over the raw points inside it:
 * count, min and max exactly, sum, avg and stddev up to floating-point rounding, quantiles within the
 * documented 1% of the exact lower quantile, histograms exactly; an empty window has count 0, sum 0 and
 * null for everything undefined.
 */
final class WindowChecks {

    /** Relative tolerance for values that are exact up to the order of floating-point additions. */
    private static final double ROUNDING = 1e-9;
    /** The documented relative accuracy of quantiles. */
    private static final double QUANTILE_ACCURACY = 0.01;

    private WindowChecks() {
    }

    /** The values of the points inside {@code [start, end)}. */
    static List<Double> inside(List<Point> points, Instant start, Instant end) {
        return points.stream().filter(p -> !p.time().isBefore(start) && p.time().isBefore(end)).map(Point::value).toList();
    }

    /** Every point of every series. */
    static List<Point> all(RawSeries... series) {
        List<Point> points = new ArrayList<>();
        for (RawSeries one : series) {
            points.addAll(one.points());
        }
        return points;
    }

    /** Asserts every statistic the window carries against the points inside it; returns the point count. */
    static int assertWindow(JsonNode window, List<Point> points) {
        Instant start = Instant.parse(window.path("start").asText());
        Instant end = Instant.parse(window.path("end").asText());
        List<Double> values = inside(points, start, end);
        String where = "window " + start + " – " + end;
        assertThat(window.path("count").asLong()).as(where + " count").isEqualTo(values.size());
        if (values.isEmpty()) {
            assertEmpty(window, where);
            return 0;
        }
        close(window, "sum", BruteForce.sum(values), where);
        close(window, "avg", BruteForce.mean(values), where);
        if (window.has("min")) {
            assertThat(window.path("min").asDouble()).as(where + " min").isEqualTo(BruteForce.min(values));
        }
        if (window.has("max")) {
            assertThat(window.path("max").asDouble()).as(where + " max").isEqualTo(BruteForce.max(values));
        }
        if (window.has("stddev")) {
            assertThat(window.path("stddev").asDouble()).as(where + " stddev")
                    .isCloseTo(BruteForce.stddev(values), within(ROUNDING * Math.max(1, BruteForce.stddev(values))));
        }
        quantile(window.path("p50"), values, 0.5, where);
        quantile(window.path("p95"), values, 0.95, where);
        quantile(window.path("p99"), values, 0.99, where);
        for (Iterator<Map.Entry<String, JsonNode>> it = window.path("quantiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> custom = it.next();
            quantile(custom.getValue(), values, Double.parseDouble(custom.getKey()), where);
        }
        if (window.has("histogram")) {
            assertThat(longs(window.path("histogram").path("counts"))).as(where + " histogram")
                    .containsExactly(BruteForce.histogram(values, RawSeries.BOUNDS));
            assertThat(doubles(window.path("histogram").path("bounds"))).containsExactly(RawSeries.BOUNDS.upperBounds());
        }
        return values.size();
    }

    private static void assertEmpty(JsonNode window, String where) {
        if (window.has("sum")) {
            assertThat(window.path("sum").asDouble()).as(where + " sum").isZero();
        }
        for (String undefined : List.of("avg", "min", "max", "stddev", "p50", "p95", "p99")) {
            if (window.has(undefined)) {
                assertThat(window.get(undefined).isNull()).as(where + " " + undefined + " is null").isTrue();
            }
        }
        window.path("quantiles").forEach(q -> assertThat(q.isNull()).as(where + " quantile is null").isTrue());
        if (window.has("histogram")) {
            assertThat(longs(window.path("histogram").path("counts"))).containsOnly(0L);
        }
    }

    private static void close(JsonNode window, String field, double expected, String where) {
        if (window.has(field)) {
            assertThat(window.path(field).asDouble()).as(where + " " + field)
                    .isCloseTo(expected, within(ROUNDING * Math.max(1, Math.abs(expected))));
        }
    }

    private static void quantile(JsonNode node, List<Double> values, double q, String where) {
        if (node.isMissingNode()) {
            return;
        }
        double exact = BruteForce.quantile(values, q);
        assertThat(node.isNumber()).as(where + " q" + q + " is a number").isTrue();
        assertThat(node.asDouble()).as(where + " quantile " + q)
                .isCloseTo(exact, within(QUANTILE_ACCURACY * Math.abs(exact) + 1e-12));
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
