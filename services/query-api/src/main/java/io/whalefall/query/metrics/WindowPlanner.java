package io.whalefall.query.metrics;

import io.whalefall.query.api.ParamReader;
import io.whalefall.windows.Resolution;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides how a window query is answered: applies the default range, chooses the coarsest stored
 * resolution that tiles the windows, and checks that its retention covers the range, that the range is
 * not longer than that resolution allows and that the windows per group stay within the response cap.
 */
@ApplicationScoped
public class WindowPlanner {

    private final ResolutionLimits limits;
    private final MetricWindowsConfig config;
    private final Clock clock;

    public WindowPlanner(ResolutionLimits limits, MetricWindowsConfig config, Clock clock) {
        this.limits = limits;
        this.config = config;
        this.clock = clock;
    }

    /** The plan of {@code request}, or null with errors recorded in {@code reader}. */
    public WindowPlan plan(WindowRequest request, ParamReader reader) {
        Instant now = clock.instant();
        Instant to = request.to() == null ? now : request.to();
        Instant from = request.from() == null ? to.minus(config.query().defaultRange()) : request.from();
        if (!from.isBefore(to)) {
            reader.reject("from", "must be before to (" + to + ")");
            return null;
        }
        WindowSpec spec = request.windows();
        Resolution resolution = spec.resolution();
        String basis = spec.kind() == WindowSpec.Kind.SESSION
                ? "sessions with a gap of " + spec.gap().text() + " are built from " + resolution.code() + " windows"
                : "windows of " + spec.size().text() + (spec.kind() == WindowSpec.Kind.SLIDING
                        ? " sliding by " + spec.slide().text() : "") + " are merged from " + resolution.code() + " windows";
        Duration maxRange = limits.maxRange(resolution);
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            reader.reject("from", basis + ", over at most " + Texts.duration(maxRange) + ": to − from is "
                    + Texts.duration(Duration.between(from, to)));
        }
        Instant horizon = now.minus(limits.retention(resolution));
        if (from.isBefore(horizon)) {
            reader.reject("from", basis + ", which are kept for " + Texts.duration(limits.retention(resolution))
                    + ": from must not be before " + horizon);
        }
        if (reader.failed("from")) {
            return null;
        }
        return spec.kind() == WindowSpec.Kind.SESSION ? sessions(request, from, to, resolution)
                : windows(request, from, to, resolution, reader);
    }

    private WindowPlan windows(WindowRequest request, Instant from, Instant to, Resolution resolution,
            ParamReader reader) {
        WindowSpec spec = request.windows();
        long step = spec.step().toSeconds();
        Instant first = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), step) * step);
        long count = (Duration.between(first, to).toSeconds() + step - 1) / step;
        if (count > config.query().maxPoints()) {
            reader.reject(spec.kind() == WindowSpec.Kind.SLIDING ? "slide" : "window", "the range holds " + count
                    + " windows, more than the " + config.query().maxPoints() + " a response may hold: use larger "
                    + "windows or a shorter range");
            return null;
        }
        Instant readTo = first.plus(spec.step().multipliedBy(count - 1)).plus(spec.size().duration());
        return new WindowPlan(request, from, to, resolution, first, readTo, count);
    }

    private static WindowPlan sessions(WindowRequest request, Instant from, Instant to, Resolution resolution) {
        return new WindowPlan(request, from, to, resolution, resolution.windowStart(from), to, 0);
    }
}
