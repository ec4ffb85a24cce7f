package io.whalefall.query.metrics;

import io.whalefall.windows.HistogramBounds;

import java.util.List;

/** The statistics computed the obvious way over raw values, to check the API's answers against. */
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
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size());
    }

    /** The lower quantile: the element of rank floor(q (n − 1)) once sorted. */
    static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    /** Bucket counts with {@code le} semantics and a final +Inf bucket. */
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
}
