package io.whalefall.sessions.maintenance;

import java.time.Duration;

/** Durations written for operators ("30 minutes", "2 hours"), not as ISO-8601. */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds >= 86_400 && seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds >= 3_600 && seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
