package io.whalefall.query.metrics;

import io.whalefall.windows.Resolution;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** The configured retention and longest query range of each stored resolution. */
@ApplicationScoped
public class ResolutionLimits {

    private final MetricWindowsConfig config;

    public ResolutionLimits(MetricWindowsConfig config) {
        this.config = config;
        Duration minute = config.retention().minute();
        Duration hour = config.retention().hour();
        Duration day = config.retention().day();
        if (hour.compareTo(minute) < 0 || day.compareTo(hour) < 0) {
            // a query falls back to nothing finer when a coarse resolution has expired, and series are
            // forgotten after the day retention: both assume coarser windows live at least as long
            throw new IllegalStateException("whalefall.metrics.retention must keep coarser windows at least as long as "
                    + "finer ones (minute " + minute + " ≤ hour " + hour + " ≤ day " + day + ")");
        }
    }

    /** How long windows of {@code resolution} are kept. */
    public Duration retention(Resolution resolution) {
        return switch (resolution) {
            case MINUTE -> config.retention().minute();
            case HOUR -> config.retention().hour();
            case DAY -> config.retention().day();
        };
    }

    /** The longest retention: a series none of whose windows is younger has nothing left to query. */
    public Duration longestRetention() {
        return config.retention().day();
    }

    /** The longest {@code to − from} a query answered from {@code resolution} may cover. */
    public Duration maxRange(Resolution resolution) {
        return switch (resolution) {
            case MINUTE -> config.query().maxRange().minute();
            case HOUR -> config.query().maxRange().hour();
            case DAY -> config.query().maxRange().day();
        };
    }
}
