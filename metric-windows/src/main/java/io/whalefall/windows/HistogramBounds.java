package io.whalefall.windows;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bucket boundaries of a histogram: ascending upper bounds. A value falls in the first bucket whose
 * bound is greater than or equal to it ({@code le} semantics, as in Prometheus); values above the last
 * bound fall in a final {@code +Inf} bucket. So there are {@code bounds + 1} buckets.
 */
public final class HistogramBounds {

    /** Default bounds: 1-2-5 steps from 1 to 1,000,000 (a sensible spread for sizes, latencies, counts). */
    public static final HistogramBounds DEFAULT = parseUncached(
            "1,2,5,10,20,50,100,200,500,1000,2000,5000,10000,20000,50000,100000,200000,500000,1000000");

    /** Distinct texts remembered; beyond it (never in practice) texts are parsed every time. */
    private static final int MAX_CACHED = 1_000;
    private static final Map<String, HistogramBounds> PARSED = new ConcurrentHashMap<>();

    private final double[] upperBounds;
    /** The text form, made once: every event and series row carries it, thousands of times per batch. */
    private final String text;

    private HistogramBounds(double[] upperBounds) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (!Double.isFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
                throw new IllegalArgumentException("histogram bounds must be finite and strictly ascending: "
                        + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.text = format(this.upperBounds);
    }

    /**
     * Bounds from a comma-separated list, e.g. {@code "0.1,1,10"}. Every series row and window of an event
     * carries its bounds as text, and a deployment has a handful of distinct ones: each is parsed once.
     */
    public static HistogramBounds parse(String csv) {
        HistogramBounds known = PARSED.get(csv);
        if (known != null) {
            return known;
        }
        HistogramBounds parsed = parseUncached(csv);
        if (PARSED.size() < MAX_CACHED) {
            PARSED.putIfAbsent(csv, parsed);
        }
        return parsed;
    }

    private static HistogramBounds parseUncached(String csv) {
        return new HistogramBounds(Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToDouble(Double::parseDouble).toArray());
    }

    /** The bounds, ascending (a copy). */
    public double[] upperBounds() {
        return upperBounds.clone();
    }

    /** Number of buckets, including the final {@code +Inf} one. */
    public int buckets() {
        return upperBounds.length + 1;
    }

    /** Index of the bucket that {@code value} falls in. */
    public int bucketOf(double value) {
        int index = Arrays.binarySearch(upperBounds, value);
        return index >= 0 ? index : -index - 1;
    }

    /** The bounds as the comma-separated list {@link #parse} reads. */
    @Override
    public String toString() {
        return text;
    }

    private static String format(double[] upperBounds) {
        StringBuilder text = new StringBuilder();
        for (double bound : upperBounds) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(bound == Math.rint(bound) && Math.abs(bound) < 1e15
                    ? Long.toString((long) bound) : Double.toString(bound));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HistogramBounds that && Arrays.equals(upperBounds, that.upperBounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(upperBounds);
    }
}
