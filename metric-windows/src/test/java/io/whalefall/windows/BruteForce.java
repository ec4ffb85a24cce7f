package io.whalefall.windows;

import java.util.Arrays;
import java.util.List;

/** The functions computed the obvious way over raw values, to check the states against. */
final class BruteForce {

    private BruteForce() {
    }

    static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    static double mean(List<Double> values) {
        return sum(values) / values.size();
    }

    /** Two-pass population standard deviation. */
    static double stddev(List<Double> values) {
        double mean = mean(values);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / values.size());
    }

    /** The lower quantile: the element of rank floor(q (n − 1)) once sorted. */
    static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

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

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    static String describe(long[] histogram) {
        return Arrays.toString(histogram);
    }
}
