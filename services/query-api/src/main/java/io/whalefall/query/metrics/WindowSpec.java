package io.whalefall.query.metrics;

import io.whalefall.query.api.ParamReader;
import io.whalefall.windows.Resolution;

import java.time.Duration;
import java.util.Locale;

/**
 * The windows a query asks for: tumbling ({@code window}), sliding ({@code window} and {@code slide}) or
 * session windows ({@code session_gap}, not combined with the others).
 *
 * @param kind   the kind of windows
 * @param size   window length (tumbling, sliding); null for sessions
 * @param slide  distance between window starts (equal to size when tumbling); null for sessions
 * @param gap    inactivity that ends a session; null otherwise
 */
public record WindowSpec(Kind kind, DurationText size, DurationText slide, DurationText gap) {

    /** The kinds of windows. */
    public enum Kind {
        TUMBLING, SLIDING, SESSION;

        /** The name used in responses. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads {@code window}, {@code slide} and {@code session_gap}; null when faulty (errors recorded). */
    public static WindowSpec read(ParamReader reader, String window, String slide, String sessionGap) {
        DurationText size = DurationText.read(reader, "window", window);
        DurationText step = DurationText.read(reader, "slide", slide);
        DurationText gap = DurationText.read(reader, "session_gap", sessionGap);
        if (present(sessionGap)) {
            reader.check(!present(window) && !present(slide), "session_gap",
                    "session windows take no window or slide: give session_gap alone");
            return gap == null || present(window) || present(slide) ? null : new WindowSpec(Kind.SESSION, null, null, gap);
        }
        if (!present(window)) {
            reader.reject("window", present(slide) ? "is required with slide"
                    : "is required (e.g. window=5m), unless session_gap asks for session windows");
            return null;
        }
        if (size == null || (present(slide) && step == null)) {
            return null;
        }
        return step == null || step.duration().equals(size.duration()) ? new WindowSpec(Kind.TUMBLING, size, size, null)
                : new WindowSpec(Kind.SLIDING, size, step, null);
    }

    /**
     * The coarsest stored resolution whose windows tile this query's windows (window and slide; the gap of
     * sessions, whose boundaries then fall on its windows).
     */
    public Resolution resolution() {
        return (kind == Kind.SESSION ? Resolution.coarsestDividing(gap.duration())
                : Resolution.coarsestDividing(size.duration(), slide.duration()))
                .orElseThrow(() -> new IllegalStateException("durations are whole minutes: 1m always divides them"));
    }

    /** The step between window starts (tumbling, sliding). */
    public Duration step() {
        return slide.duration();
    }

    private static boolean present(String raw) {
        return raw != null && !raw.isBlank();
    }
}
