package io.whalefall.tools.bench;

/**
 * The raw baselines, measured in the same database in the same run: the same rows loaded with COPY into a
 * table with the same unique key, the two writes ingestion cannot avoid done in SQL, and the same
 * aggregation written by hand as one GROUP BY per level.
 */
final class BaselineSql {

    private BaselineSql() {
    }

    static final String RAW_TABLE = """
            CREATE SCHEMA IF NOT EXISTS bench;
            DROP TABLE IF EXISTS bench.raw_sample;
            CREATE TABLE bench.raw_sample (
                instance_id bigint NOT NULL, database_name text NOT NULL, collected_at timestamptz NOT NULL,
                size_mb bigint NOT NULL, data_size_mb bigint, log_size_mb bigint,
                PRIMARY KEY (instance_id, database_name, collected_at))
            """;

    static final String COPY = "COPY bench.raw_sample FROM STDIN (FORMAT csv)";

    /**
     * The ingestion figure's floor: the two writes its workload requires, each as one SQL statement over
     * the COPY table — store the samples, skipping re-sent ones, into a copy of stats-ingestion's table, and
     * fold them into a copy of period-aggregation's daily states. No implementation, whatever its transport,
     * can ingest faster than these two statements run. Both write in primary-key order: in the samples'
     * order (day by day) the full workload's 3.65 M rows reached the two indexes scattered, and the floor
     * (63,000 samples/s) was slower than the services' batches (73,000); sorted, its two statements took 32 s
     * instead of 48 s in {@code psql}.
     */
    static final String FLOOR_TABLES = """
            DROP TABLE IF EXISTS bench.stored_sample, bench.database_day;
            CREATE TABLE bench.stored_sample (LIKE ingestion.database_size_sample INCLUDING ALL);
            CREATE TABLE bench.database_day (LIKE aggregation.database_day INCLUDING ALL)
            """;

    static final String FLOOR_STORE = """
            INSERT INTO bench.stored_sample (instance_id, database_name, collected_at, size_mb, data_size_mb, log_size_mb)
            SELECT instance_id, database_name, collected_at, size_mb, data_size_mb, log_size_mb FROM bench.raw_sample
            ORDER BY instance_id, database_name, collected_at
            ON CONFLICT DO NOTHING
            """;

    static final String FLOOR_FOLD = """
            INSERT INTO bench.database_day AS d (instance_id, day, database_name, samples, size_sum, size_max, size_min,
                data_samples, data_sum, data_max, data_min, log_samples, log_sum, log_max, log_min)
            SELECT instance_id, (collected_at AT TIME ZONE 'Asia/Shanghai')::date, database_name, count(*), sum(size_mb),
                max(size_mb), min(size_mb), count(data_size_mb), coalesce(sum(data_size_mb), 0), max(data_size_mb),
                min(data_size_mb), count(log_size_mb), coalesce(sum(log_size_mb), 0), max(log_size_mb), min(log_size_mb)
            FROM bench.raw_sample
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            ON CONFLICT (instance_id, day, database_name) DO UPDATE SET samples = d.samples + excluded.samples
            """;

    /** Periods of every type for a day column {@code day}: a cross join with the four period types. */
    private static final String PERIOD_START = """
            CASE t.period_type WHEN 'daily' THEN day
                               WHEN 'weekly' THEN date_trunc('week', day)::date
                               WHEN 'monthly' THEN date_trunc('month', day)::date
                               ELSE date_trunc('quarter', day)::date END""";

    /** Database level, all four period types: avg/max/min of the three sizes, counts, change against lag(). */
    static final String DATABASE_LEVEL = """
            DROP TABLE IF EXISTS bench.database_period;
            CREATE TABLE bench.database_period AS
            WITH s AS (
                SELECT instance_id, database_name, (collected_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
                       size_mb, data_size_mb, log_size_mb FROM bench.raw_sample
            ), g AS (
                SELECT t.period_type, s.instance_id, s.database_name, %1$s AS period_start,
                       round(avg(size_mb)) AS avg_size, max(size_mb) AS max_size, min(size_mb) AS min_size,
                       round(avg(data_size_mb)) AS avg_data, max(data_size_mb) AS max_data, min(data_size_mb) AS min_data,
                       round(avg(log_size_mb)) AS avg_log, max(log_size_mb) AS max_log, min(log_size_mb) AS min_log,
                       count(*) AS data_count, count(DISTINCT day) AS days_with_data
                FROM s CROSS JOIN (VALUES ('daily'), ('weekly'), ('monthly'), ('quarterly')) AS t(period_type)
                GROUP BY 1, 2, 3, 4
            ), c AS (
                SELECT g.*, lag(avg_size) OVER w AS prev_size, lag(avg_data) OVER w AS prev_data,
                       lag(avg_log) OVER w AS prev_log
                FROM g WINDOW w AS (PARTITION BY period_type, instance_id, database_name ORDER BY period_start)
            )
            SELECT c.*, coalesce(avg_size - prev_size, 0) AS size_change_mb,
                   CASE WHEN coalesce(prev_size, 0) = 0 THEN 0 ELSE round((avg_size - prev_size) * 100 / prev_size, 2) END
                       AS size_change_percent,
                   coalesce(avg_data - prev_data, 0) AS data_size_change_mb,
                   CASE WHEN coalesce(prev_data, 0) = 0 THEN 0 ELSE round((avg_data - prev_data) * 100 / prev_data, 2) END
                       AS data_size_change_percent,
                   coalesce(avg_log - prev_log, 0) AS log_size_change_mb,
                   CASE WHEN coalesce(prev_log, 0) = 0 THEN 0 ELSE round((avg_log - prev_log) * 100 / prev_log, 2) END
                       AS log_size_change_percent
            FROM c
            """.formatted(PERIOD_START);

    /** Instance level: daily totals (sum of the databases' daily means), then per period, change against lag(). */
    static final String INSTANCE_LEVEL = """
            DROP TABLE IF EXISTS bench.instance_period;
            CREATE TABLE bench.instance_period AS
            WITH d AS (
                SELECT instance_id, (collected_at AT TIME ZONE 'Asia/Shanghai')::date AS day, database_name,
                       avg(size_mb) AS size FROM bench.raw_sample GROUP BY 1, 2, 3
            ), daily AS (
                SELECT instance_id, day, sum(size) AS total, count(*) AS dbs FROM d GROUP BY 1, 2
            ), g AS (
                SELECT t.period_type, daily.instance_id, %1$s AS period_start,
                       round(avg(total)) AS total_size, round(sum(total) / sum(dbs)) AS avg_size,
                       round(max(total)) AS max_size, round(min(total)) AS min_size, count(*) AS data_count,
                       round(avg(dbs)) AS database_count, round(avg(dbs), 2) AS avg_database_count,
                       max(dbs) AS max_database_count, min(dbs) AS min_database_count
                FROM daily CROSS JOIN (VALUES ('daily'), ('weekly'), ('monthly'), ('quarterly')) AS t(period_type)
                GROUP BY 1, 2, 3
            ), c AS (
                SELECT g.*, lag(total_size) OVER w AS prev_total, lag(database_count) OVER w AS prev_count
                FROM g WINDOW w AS (PARTITION BY period_type, instance_id ORDER BY period_start)
            )
            SELECT c.*, coalesce(total_size - prev_total, 0) AS total_size_change_mb,
                   CASE WHEN coalesce(prev_total, 0) = 0 THEN 0
                        ELSE round((total_size - prev_total) * 100 / prev_total, 2) END AS total_size_change_percent,
                   coalesce(database_count - prev_count, 0) AS database_count_change,
                   CASE WHEN coalesce(prev_total, 0) = 0 THEN 'stable'
                        WHEN (total_size - prev_total) * 100 / prev_total > 5 THEN 'growing'
                        WHEN (total_size - prev_total) * 100 / prev_total < -5 THEN 'shrinking'
                        ELSE 'stable' END AS trend_direction
            FROM c
            """.formatted(PERIOD_START);

    /** query-api's session settings (its application.properties), so that the SQL runs as query-api's does. */
    static final String QUERY_API_SESSION = "SET plan_cache_mode = force_generic_plan";

    /**
     * The databases list as query-api runs it (filter, default sort, first page) with its count. LIMIT and
     * OFFSET are parameters, as in query-api: under generic plans, literals would let PostgreSQL plan a
     * different statement.
     */
    static final String DATABASES_PAGE = """
            SELECT d.*, i.name, i.db_type,
                   (SELECT coalesce(sum(r.database_rows), 0) FROM query.period_revision r
                    WHERE r.period_type = ? AND r.instance_id = ?) AS matching_rows
            FROM query.database_period d
            LEFT JOIN query.instance i ON i.instance_id = d.instance_id
            WHERE d.period_type = ? AND d.instance_id = ?
            ORDER BY d.period_start DESC, d.instance_id, d.database_name, d.period_type LIMIT ? OFFSET ?
            """;

    /** The summary's core: each instance's latest period of the type and its totals. */
    static final String DATABASES_SUMMARY = """
            WITH latest AS (
                SELECT instance_id, max(period_start) AS period_start FROM query.period_revision
                WHERE period_type = ? AND database_rows > 0 GROUP BY instance_id)
            SELECT count(DISTINCT d.instance_id), count(*), sum(d.avg_size_mb), max(d.max_size_mb)
            FROM latest l JOIN query.database_period d
              ON d.instance_id = l.instance_id AND d.period_type = ? AND d.period_start = l.period_start
            """;

    /** Metric points with the raw table's key (series, timestamp), for the COPY baseline of the window engine. */
    static final String METRIC_RAW_TABLE = """
            CREATE SCHEMA IF NOT EXISTS bench;
            DROP TABLE IF EXISTS bench.metric_point;
            CREATE TABLE bench.metric_point (
                series_id uuid NOT NULL, ts timestamptz NOT NULL, metric text NOT NULL, labels jsonb NOT NULL,
                value double precision NOT NULL, PRIMARY KEY (series_id, ts))
            """;

    static final String METRIC_COPY = "COPY bench.metric_point (series_id, ts, metric, labels, value) FROM STDIN (FORMAT csv)";

    /**
     * A sliding window's statistics straight from the raw points the window engine was fed: one row per
     * window start (every hour from {@code ?} aligned down, before {@code ?}), over the 24 hours from it, of
     * series {@code ?}.
     */
    static final String SLIDING_WINDOWS = """
            SELECT w.start, count(p.value), sum(p.value), avg(p.value), min(p.value), max(p.value), stddev_pop(p.value),
                   percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY p.value)
            FROM generate_series(date_trunc('hour', ?::timestamptz), ?::timestamptz - interval '1 microsecond',
                                 interval '1 hour') AS w(start)
            LEFT JOIN ingestion.metric_point p
                   ON p.series_id = ? AND p.ts >= w.start AND p.ts < w.start + interval '24 hours'
            GROUP BY w.start ORDER BY w.start""";
}
