package io.whalefall.aggregation.work;

/**
 * The set-based statements that aggregate one instance's periods from its daily states. Every period of
 * a work item is computed by the same few statements, whatever the number of periods and databases.
 * Parameters of the {@code req} CTE: period types, starts and ends, previous-period starts and ends.
 * <p>
 * The computed rows are not stored here: they travel in {@code PeriodCompleted}, and query-api's read model
 * is their one stored copy. This service keeps what recomputing needs: daily states and period revisions.
 */
final class PeriodSql {

    private PeriodSql() {
    }

    /** Which of the requested periods are computed already, and in what state. */
    static final String STATES = """
            SELECT s.period_type, s.period_start, s.revision, s.complete, s.stale
            FROM period_state s
            JOIN unnest(?::text[], ?::date[]) AS r(period_type, period_start)
              ON s.period_type = r.period_type AND s.period_start = r.period_start
            WHERE s.instance_id = ?
            """;

    /** Claims a new revision of each period (1 for a first computation) and clears its stale flag. */
    static final String CLAIM_REVISIONS = """
            INSERT INTO period_state AS s (instance_id, period_type, period_start, period_end, revision, complete,
                computed_at, run_id)
            SELECT ?, r.period_type, r.period_start, r.period_end, 1, r.complete, ?, ?
            FROM unnest(?::text[], ?::date[], ?::date[], ?::boolean[]) AS r(period_type, period_start, period_end, complete)
            ON CONFLICT (instance_id, period_type, period_start) DO UPDATE SET revision = s.revision + 1,
                period_end = excluded.period_end, complete = excluded.complete, computed_at = excluded.computed_at,
                run_id = excluded.run_id, stale = false, stale_since = NULL, stale_run_id = NULL,
                stale_claimed_at = NULL
            RETURNING period_type, period_start, revision
            """;

    private static final String REQUESTED = """
            WITH req AS (
                SELECT * FROM unnest(?::text[], ?::date[], ?::date[], ?::date[], ?::date[])
                    AS r(period_type, period_start, period_end, prev_start, prev_end)
            )""";

    /**
     * Database level: per database, sums over the days of each requested period and of the period before
     * it (for the change columns), from one scan of the instance's daily states joined to a day → period
     * map, rather than one range scan per period (a day belongs to up to eight periods of a request). A
     * period's previous one is the row before it in its database's sequence of periods of that type, taken
     * only when it ends the day before (a window {@code lag}, where a second join of the sums to themselves
     * cost twice the time). Parameters: the req CTE, then the instance id. The casts give each column the
     * contract's type, so an out-of-range value fails here, as an error of this instance, rather than in a
     * reader.
     */
    static final String DATABASE_PERIODS = REQUESTED + """
            , periods AS (
                SELECT period_type, period_start, period_end, bool_or(requested) AS requested
                FROM (SELECT period_type, period_start, period_end, true AS requested FROM req
                      UNION ALL
                      SELECT period_type, prev_start, prev_end, false FROM req) p
                GROUP BY period_type, period_start, period_end
            ), period_day AS (
                SELECT p.period_type, p.period_start, p.period_end, p.requested, g.day::date AS day
                FROM periods p, generate_series(p.period_start, p.period_end, interval '1 day') AS g(day)
            ), agg AS (
                SELECT m.period_type, m.period_start, m.period_end, m.requested, d.database_name,
                       sum(d.samples) AS samples, sum(d.size_sum) AS size_sum, max(d.size_max) AS size_max,
                       min(d.size_min) AS size_min, sum(d.data_samples) AS data_samples, sum(d.data_sum) AS data_sum,
                       max(d.data_max) AS data_max, min(d.data_min) AS data_min, sum(d.log_samples) AS log_samples,
                       sum(d.log_sum) AS log_sum, max(d.log_max) AS log_max, min(d.log_min) AS log_min,
                       count(*) AS days
                FROM database_day d JOIN period_day m ON m.day = d.day
                WHERE d.instance_id = ? AND d.day BETWEEN (SELECT min(period_start) FROM periods)
                                                      AND (SELECT max(period_end) FROM periods)
                GROUP BY m.period_type, m.period_start, m.period_end, m.requested, d.database_name
            ), means AS (
                SELECT period_type, period_start, period_end, requested, database_name, samples, size_max, size_min,
                       data_max, data_min, log_max, log_min, days,
                       round(size_sum::numeric / samples) AS avg_size,
                       round(data_sum::numeric / nullif(data_samples, 0)) AS avg_data,
                       round(log_sum::numeric / nullif(log_samples, 0)) AS avg_log
                FROM agg
            ), fig AS (
                SELECT m.*,
                       CASE WHEN lag(period_end) OVER w = period_start - 1 THEN lag(avg_size) OVER w END AS prev_size,
                       CASE WHEN lag(period_end) OVER w = period_start - 1 THEN lag(avg_data) OVER w END AS prev_data,
                       CASE WHEN lag(period_end) OVER w = period_start - 1 THEN lag(avg_log) OVER w END AS prev_log
                FROM means m
                WINDOW w AS (PARTITION BY period_type, database_name ORDER BY period_start)
            )
            SELECT period_type, period_start, database_name, avg_size::bigint, size_max, size_min, avg_data::bigint,
                   data_max, data_min, avg_log::bigint, log_max, log_min, samples::integer, days::integer,
                   prev_size::bigint, coalesce(avg_size - prev_size, 0)::bigint,
                   change_percent(avg_size, prev_size)::numeric(20, 2), coalesce(avg_data - prev_data, 0)::bigint,
                   change_percent(avg_data, prev_data)::numeric(20, 2), coalesce(avg_log - prev_log, 0)::bigint,
                   change_percent(avg_log, prev_log)::numeric(20, 2), change_percent(avg_size, prev_size)::numeric(20, 2)
            FROM fig
            WHERE requested
            """;

    /**
     * Instance level, from daily totals: the mean of the day's instance samples, or on days without any,
     * the sum of the databases' daily means (and their count). Parameters: the req CTE, then the instance
     * id twice.
     */
    static final String INSTANCE_PERIODS = REQUESTED + """
            , bounds AS (
                SELECT min(prev_start) AS lo, max(period_end) AS hi FROM req
            ), db_daily AS (
                SELECT d.day, sum(d.size_sum::numeric / d.samples) AS total, count(*)::numeric AS db_count
                FROM database_day d, bounds b WHERE d.instance_id = ? AND d.day BETWEEN b.lo AND b.hi
                GROUP BY d.day
            ), inst_daily AS (
                SELECT d.day, d.total_sum::numeric / d.samples AS total, d.db_count_sum::numeric / d.samples AS db_count
                FROM instance_day d, bounds b WHERE d.instance_id = ? AND d.day BETWEEN b.lo AND b.hi
            ), daily AS (
                SELECT day, coalesce(i.total, d.total) AS total, coalesce(i.db_count, d.db_count) AS db_count
                FROM inst_daily i FULL JOIN db_daily d USING (day)
            ), cur AS (
                SELECT r.period_type, r.period_start, r.period_end, avg(x.total) AS total,
                       sum(x.total) AS total_sum, sum(x.db_count) AS db_sum, max(x.total) AS total_max,
                       min(x.total) AS total_min, count(*) AS days, avg(x.db_count) AS db_avg,
                       max(x.db_count) AS db_max, min(x.db_count) AS db_min
                FROM req r JOIN daily x ON x.day BETWEEN r.period_start AND r.period_end
                GROUP BY r.period_type, r.period_start, r.period_end
            ), prev AS (
                SELECT r.period_type, r.period_start, round(avg(x.total)) AS total, round(avg(x.db_count)) AS db_count
                FROM req r JOIN daily x ON x.day BETWEEN r.prev_start AND r.prev_end
                GROUP BY r.period_type, r.period_start
            ), fig AS (
                SELECT c.*, round(c.total) AS total_mb, round(c.db_avg) AS db_count_int,
                       p.total AS prev_total, p.db_count AS prev_db
                FROM cur c LEFT JOIN prev p USING (period_type, period_start)
            )
            SELECT period_type, period_start, total_mb::bigint,
                   coalesce(round(total_sum / nullif(db_sum, 0)), 0)::bigint, round(total_max)::bigint,
                   round(total_min)::bigint, days::integer, db_count_int::integer, round(db_avg, 2)::numeric(20, 2),
                   round(db_max)::integer, round(db_min)::integer, prev_total::bigint,
                   coalesce(total_mb - prev_total, 0)::bigint, change_percent(total_mb, prev_total)::numeric(20, 2),
                   coalesce(db_count_int - prev_db, 0)::integer, change_percent(db_count_int, prev_db)::numeric(20, 2),
                   change_percent(total_mb, prev_total)::numeric(20, 2),
                   CASE WHEN change_percent(total_mb, prev_total) > 5 THEN 'growing'
                        WHEN change_percent(total_mb, prev_total) < -5 THEN 'shrinking'
                        ELSE 'stable' END
            FROM fig
            """;
}
