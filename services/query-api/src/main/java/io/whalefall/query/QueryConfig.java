package io.whalefall.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** Limits, defaults and calendar of the query API. */
@ConfigMapping(prefix = "whalefall.query")
public interface QueryConfig {

    /**
     * Time zone of the aggregation calendar: "today" for {@code time_range}, the current period of a manual
     * aggregation, forecasts and session date filters. Must match period-aggregation's zone.
     */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /**
     * Longest a read query may run before it is cancelled (answered with 503 DATABASE_QUERY_ERROR); applies to
     * every read through this service's {@code Jdbc} ({@link QueryJdbc}); zero: no limit.
     */
    @WithDefault("10s")
    Duration queryTimeout();

    /** Paged lists. */
    Lists lists();

    /** Trend series for charts. */
    Trends trends();

    /** Growth forecasts. */
    Forecasts forecasts();

    /** Aggregation requests (manual "current" runs and backfills). */
    Aggregations aggregations();

    /** Live session streams (server-sent events). */
    Streams streams();

    /** Paged lists. */
    interface Lists {
        /** Rows per page when {@code limit} is not given. */
        @WithDefault("20")
        int defaultLimit();

        /** Largest {@code limit} accepted. */
        @WithDefault("200")
        int maxLimit();

        /** Largest {@code page} accepted (bounds the OFFSET a client can ask for). */
        @WithDefault("100000")
        int maxPage();

        /** Most rows {@code get_all=true} returns; the response message says when the cap cut the list. */
        @WithDefault("5000")
        int maxGetAll();

        /** Largest {@code time_range} (days) accepted. */
        @WithDefault("3650")
        int maxTimeRangeDays();
    }

    /** Trend series for charts. */
    interface Trends {
        /** Series returned when {@code top} is not given. */
        @WithDefault("10")
        int defaultTop();

        /** Largest {@code top} accepted. */
        @WithDefault("50")
        int maxTop();

        /** Days a chart covers when the request gives neither dates nor {@code time_range}. */
        @WithDefault("30")
        int defaultTimeRange();
    }

    /** Growth forecasts. */
    interface Forecasts {
        /** Days of daily aggregates the regression uses when {@code window_days} is not given. */
        @WithDefault("90")
        int defaultWindowDays();

        /** Largest {@code window_days} accepted. */
        @WithDefault("1095")
        int maxWindowDays();

        /** Fewest daily points a forecast needs; below it the answer is "insufficient_data". */
        @WithDefault("7")
        int minPoints();
    }

    /** Aggregation requests. */
    interface Aggregations {
        /** Longest date range one backfill may cover, in days (period-aggregation enforces the same bound). */
        @WithDefault("800")
        int maxRangeDays();

        /** Most instance ids one request may name. */
        @WithDefault("1000")
        int maxInstanceIds();
    }

    /** Live session streams. */
    interface Streams {
        /** Interval of the keep-alive comments that stop proxies from closing an idle stream. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Longest a stream stays open; the client reconnects (with Last-Event-ID) to continue. */
        @WithDefault("30m")
        Duration maxDuration();

        /** Pause before the change listener reconnects after losing its database connection. */
        @WithDefault("2s")
        Duration listenerRetry();
    }
}
