package io.whalefall.query.metrics;

import io.whalefall.query.api.ParamReader;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as queries write it: a positive whole number of minutes, hours or days ({@code 5m},
 * {@code 24h}, {@code 7d}), so that it is always a multiple of a stored resolution.
 *
 * @param text     the normalised text, echoed in responses
 * @param duration the length
 */
public record DurationText(String text, Duration duration) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([mhd])");

    /** The duration written in {@code raw}, or null when absent or faulty (an error is recorded for {@code name}). */
    public static DurationText read(ParamReader reader, String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher matcher = FORM.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            reader.reject(name, "must be a positive number of minutes, hours or days, e.g. 5m, 1h, 24h, 7d");
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new DurationText(amount + matcher.group(2), duration);
    }
}
