package io.whalefall.query.calendar;

import io.whalefall.query.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** "Today" in the aggregation zone, the reference day of time ranges, current periods and forecasts. */
@ApplicationScoped
public class Today {

    private final Clock clock;
    private final ZoneId zone;

    public Today(Clock clock, QueryConfig config) {
        this.clock = clock;
        this.zone = config.zone();
    }

    /** The current day in the aggregation zone. */
    public LocalDate date() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The aggregation zone. */
    public ZoneId zone() {
        return zone;
    }
}
