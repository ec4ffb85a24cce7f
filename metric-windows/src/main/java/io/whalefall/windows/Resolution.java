package io.whalefall.windows;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The stored window sizes. Windows are aligned to the Unix epoch (UTC): a minute window starts at a whole
 * minute, an hour window at a whole hour, a day window at UTC midnight. Each level is rolled up from the
 * one below.
 */
public enum Resolution {
    MINUTE(Duration.ofMinutes(1), "1m"),
    HOUR(Duration.ofHours(1), "1h"),
    DAY(Duration.ofDays(1), "1d");

    private final Duration size;
    private final String code;

    Resolution(Duration size, String code) {
        this.size = size;
        this.code = code;
    }

    public Duration size() {
        return size;
    }

    /** Short name used in storage and APIs: 1m, 1h, 1d. */
    public String code() {
        return code;
    }

    /** Start of the window of this resolution that contains {@code instant}. */
    public Instant windowStart(Instant instant) {
        long seconds = size.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** The resolution with this code (1m, 1h, 1d). */
    public static Resolution ofCode(String code) {
        for (Resolution resolution : values()) {
            if (resolution.code.equals(code.toLowerCase(Locale.ROOT))) {
                return resolution;
            }
        }
        throw new IllegalArgumentException("unknown resolution '" + code + "' (use 1m, 1h or 1d)");
    }

    /** The coarsest resolution whose size divides every given duration, if any. */
    public static Optional<Resolution> coarsestDividing(Duration... durations) {
        for (int i = values().length - 1; i >= 0; i--) {
            Resolution candidate = values()[i];
            boolean divides = true;
            for (Duration duration : durations) {
                divides &= !duration.isZero() && duration.toSeconds() % candidate.size.toSeconds() == 0;
            }
            if (divides) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
