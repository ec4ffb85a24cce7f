package io.whalefall.aggregation.metrics;

import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.WindowState;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every window function computed the obvious way over the raw values, to check stored states against. */
final class BruteForce {

    /** Quantiles every check covers: the dashboard's p50/p95/p99, the extremes and a few arbitrary ones. */
    static final double[] QUANTILES = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1};
    private static final double RELATIVE = 1e-9;

    private BruteForce() {
    }

    /** The exact sum (no rounding until the end). */
    static double sum(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double value : values) {
            sum = sum.add(new BigDecimal(value));
        }
        return sum.doubleValue();
    }

    static double mean(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double value : values) {
            sum = sum.add(new BigDecimal(value));
        }
        return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128).doubleValue();
    }

    /** Population standard deviation, two passes. */
    static double stddev(List<Double> values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.size());
    }

    /** The lower quantile: the element of rank ⌊q·(n−1)⌋ once sorted. */
    static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    /** Counts per bucket: a value falls in the first bucket whose upper bound is ≥ it, else in +Inf. */
    static long[] histogram(List<Double> values, HistogramBounds bounds) {
        double[] upper = bounds.upperBounds();
        long[] counts = new long[upper.length + 1];
        for (double value : values) {
            int bucket = 0;
            while (bucket < upper.length && value > upper[bucket]) {
                bucket++;
            }
            counts[bucket]++;
        }
        return counts;
    }

    /**
     * Asserts every function of {@code state} against the raw values: count, min, max and histogram
     * exactly, sum, mean and standard deviation to 1e-9 relative, quantiles within the sketch's documented
     * relative accuracy.
     */
    static void assertMatches(WindowState state, List<Double> values, String what) {
        assertThat(state.count()).as("%s count", what).isEqualTo(values.size());
        assertThat(state.min()).as("%s min", what).isEqualTo(values.stream().mapToDouble(d -> d).min().orElseThrow());
        assertThat(state.max()).as("%s max", what).isEqualTo(values.stream().mapToDouble(d -> d).max().orElseThrow());
        assertThat(state.histogram()).as("%s histogram", what).containsExactly(histogram(values, state.bounds()));
        assertClose(state.sum(), sum(values), what + " sum");
        assertClose(state.mean(), mean(values), what + " mean");
        assertClose(state.stddev(), stddev(values), what + " stddev");
        for (double q : QUANTILES) {
            double exact = quantile(values, q);
            assertThat(state.quantile(q)).as("%s quantile %s", what, q)
                    .isCloseTo(exact, within(WindowState.RELATIVE_ACCURACY * Math.abs(exact) + 1e-12));
        }
    }

    /** Asserts two states of the same points agree: exactly where merging is exact, to 1e-9 elsewhere. */
    static void assertSameState(WindowState actual, WindowState expected, String what) {
        assertThat(actual.count()).as("%s count", what).isEqualTo(expected.count());
        assertThat(actual.min()).as("%s min", what).isEqualTo(expected.min());
        assertThat(actual.max()).as("%s max", what).isEqualTo(expected.max());
        assertThat(actual.histogram()).as("%s histogram", what).containsExactly(expected.histogram());
        assertClose(actual.sum(), expected.sum(), what + " sum");
        assertClose(actual.mean(), expected.mean(), what + " mean");
        assertClose(actual.stddev(), expected.stddev(), what + " stddev");
        for (double q : QUANTILES) {
            // sketches of the same values merge to the same bins, in any grouping
            assertThat(actual.quantile(q)).as("%s quantile %s", what, q).isEqualTo(expected.quantile(q));
        }
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(RELATIVE * Math.abs(expected) + 1e-12));
    }
}
