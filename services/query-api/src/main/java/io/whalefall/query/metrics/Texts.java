package io.whalefall.query.metrics;

import java.time.Duration;

/** Wording shared by the messages of the metric window API. */
final class Texts {

    private Texts() {
    }

    /** A duration as a person reads it: whole days, hours or minutes where exact ({@code 7d}, {@code 36h}). */
    static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        if (duration.toSeconds() % 60 != 0) {
            return duration.toString();
        }
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }
}
