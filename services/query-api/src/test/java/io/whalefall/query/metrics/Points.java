package io.whalefall.query.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Raw points for the tests: realistic spreads of values at random times, and names no other test uses. */
final class Points {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    private Points() {
    }

    /** A metric name no other test uses. */
    static String uniqueMetric(String prefix) {
        return "test." + prefix + "_" + IDS.incrementAndGet();
    }

    /**
     * Points from {@code from} (inclusive) to {@code to} (exclusive), one every 1 to {@code maxGapSeconds}
     * seconds with random milliseconds. Values are mostly log-normal around 20, with some exactly on histogram
     * bounds, some zero and some negative.
     */
    static List<Point> random(long seed, Instant from, Instant to, int maxGapSeconds) {
        Random random = new Random(seed);
        List<Point> points = new ArrayList<>();
        for (Instant time = from.plusMillis(random.nextInt(1000)); time.isBefore(to);
                time = time.plusSeconds(1 + random.nextInt(maxGapSeconds)).plusMillis(random.nextInt(1000) - 500)) {
            points.add(new Point(time, value(random)));
        }
        return points;
    }

    /** One point exactly at the start of every {@code step} from {@code from} to {@code to}. */
    static List<Point> onBoundaries(Instant from, Instant to, Duration step, double value) {
        List<Point> points = new ArrayList<>();
        for (Instant time = from; time.isBefore(to); time = time.plus(step)) {
            points.add(new Point(time, value));
        }
        return points;
    }

    /** The points of several lists together. */
    @SafeVarargs
    static List<Point> concat(List<Point>... lists) {
        List<Point> points = new ArrayList<>();
        for (List<Point> list : lists) {
            points.addAll(list);
        }
        return points;
    }

    private static double value(Random random) {
        int kind = random.nextInt(100);
        if (kind < 2) {
            return new double[] {10, 100, 1000}[random.nextInt(3)]; // on a histogram bound: falls in that bucket
        }
        if (kind < 3) {
            return 0;
        }
        if (kind < 4) {
            return -Math.exp(1 + random.nextGaussian());
        }
        return Math.exp(3 + random.nextGaussian());
    }
}
