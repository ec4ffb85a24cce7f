package io.whalefall.sessions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** How session tracking watches runs, keeps sessions and reads dates. */
@ConfigMapping(prefix = "whalefall.sessions")
public interface SessionsConfig {

    /**
     * A running session that has heard nothing from its run for this long is marked failed ("session state
     * abnormal"). Keep it well above the longest time one instance's aggregation can take.
     */
    @WithDefault("30m")
    Duration stuckAfter();

    /**
     * How often running sessions are checked for silence. The {@code @Scheduled} expression repeats this default,
     * as the scheduler reads the raw property.
     */
    @WithDefault("1m")
    Duration stuckCheckInterval();

    /** Sessions that started (or, without a known start, were first heard of) longer ago than this are deleted. */
    @WithDefault("90d")
    Duration retention();

    /** How often expired sessions are deleted; the {@code @Scheduled} expression repeats this default. */
    @WithDefault("1h")
    Duration cleanupInterval();

    /** Time zone in which the {@code start_date} and {@code end_date} filters of the API are read. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
