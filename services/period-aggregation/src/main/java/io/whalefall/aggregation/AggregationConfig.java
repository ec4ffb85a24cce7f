package io.whalefall.aggregation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** How period-aggregation computes and when. */
@ConfigMapping(prefix = "whalefall.aggregation")
public interface AggregationConfig {

    /** Time zone of the calendar: {@code collected_at} is converted to it to find a sample's day. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** Master switch: when false, requests are rejected and the schedule does nothing. */
    @WithDefault("true")
    boolean enabled();

    /** Longest date range one request may cover, in days. */
    @WithDefault("800")
    int maxRangeDays();

    /**
     * How long a work item waits for the {@code InstanceUpserted} of an instance a request names but this
     * service does not know yet (registered a moment before the request): after it, the instance's record
     * fails with the reason. The item waits by being redelivered with a growing delay, so keep this well
     * under the delivery limit's total backoff (about 2.5 minutes).
     */
    @WithDefault("30s")
    Duration unknownInstanceWait();

    /** The daily schedule. */
    Schedule schedule();

    /** Automatic recomputation of periods made stale by late samples. */
    Stale stale();

    /** Settings of the daily schedule. */
    interface Schedule {
        /** Whether the daily run happens. */
        @WithDefault("true")
        boolean enabled();

        /** Quartz cron expression, evaluated in {@link AggregationConfig#zone()}. */
        @WithDefault("0 0 4 * * ?")
        String cron();
    }

    /** Settings of the stale-period recomputation. */
    interface Stale {
        /** Whether stale periods are recomputed automatically. */
        @WithDefault("true")
        boolean enabled();

        /** How often the service looks for stale periods. */
        @WithDefault("10s")
        Duration checkInterval();

        /** A period is recomputed once it has been stale this long, so a burst of samples costs one run. */
        @WithDefault("30s")
        Duration debounce();
    }
}
