package io.whalefall.aggregation.daily;

import io.whalefall.aggregation.AggregationConfig;
import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Folds newly stored samples into the per-day running sums: the batch is grouped by (instance, database,
 * day in the zone) and added to what is there. The event's columns are bound as they arrived, one array
 * parameter each. Then every computed period those days belong to, and the period after it (whose change
 * depends on it), is marked stale.
 */
@ApplicationScoped
public class DailyStates {

    /**
     * One statement per batch: both upserts, in primary-key order, then the stale marks for the (instance,
     * day) pairs they touched, read from their RETURNING rather than from a second pass over the samples.
     */
    private static final String ADD_SAMPLES = """
            WITH database_days AS (
                INSERT INTO database_day AS d (instance_id, day, database_name, samples, size_sum, size_max, size_min,
                    data_samples, data_sum, data_max, data_min, log_samples, log_sum, log_max, log_min)
                SELECT s.instance_id,
                    ((timestamptz 'epoch' + s.collected_at_us * interval '1 microsecond') AT TIME ZONE ?)::date,
                    s.database_name, count(*), sum(s.size_mb),
                    max(s.size_mb), min(s.size_mb), count(s.data_size_mb), coalesce(sum(s.data_size_mb), 0),
                    max(s.data_size_mb), min(s.data_size_mb), count(s.log_size_mb), coalesce(sum(s.log_size_mb), 0),
                    max(s.log_size_mb), min(s.log_size_mb)
                FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                    AS s(instance_id, database_name, collected_at_us, size_mb, data_size_mb, log_size_mb)
                GROUP BY 1, 2, 3
                ORDER BY 1, 2, 3
                ON CONFLICT (instance_id, day, database_name) DO UPDATE SET
                    samples = d.samples + excluded.samples,
                    size_sum = d.size_sum + excluded.size_sum,
                    size_max = greatest(d.size_max, excluded.size_max),
                    size_min = least(d.size_min, excluded.size_min),
                    data_samples = d.data_samples + excluded.data_samples,
                    data_sum = d.data_sum + excluded.data_sum,
                    data_max = greatest(d.data_max, excluded.data_max),
                    data_min = least(d.data_min, excluded.data_min),
                    log_samples = d.log_samples + excluded.log_samples,
                    log_sum = d.log_sum + excluded.log_sum,
                    log_max = greatest(d.log_max, excluded.log_max),
                    log_min = least(d.log_min, excluded.log_min)
                RETURNING d.instance_id, d.day
            ), instance_days AS (
                INSERT INTO instance_day AS d (instance_id, day, samples, total_sum, total_max, total_min,
                    db_count_sum, db_count_max, db_count_min)
                SELECT s.instance_id,
                    ((timestamptz 'epoch' + s.collected_at_us * interval '1 microsecond') AT TIME ZONE ?)::date,
                    count(*), sum(s.total_size_mb),
                    max(s.total_size_mb), min(s.total_size_mb), sum(s.database_count), max(s.database_count),
                    min(s.database_count)
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::integer[])
                    AS s(instance_id, collected_at_us, total_size_mb, database_count)
                GROUP BY 1, 2
                ORDER BY 1, 2
                ON CONFLICT (instance_id, day) DO UPDATE SET
                    samples = d.samples + excluded.samples,
                    total_sum = d.total_sum + excluded.total_sum,
                    total_max = greatest(d.total_max, excluded.total_max),
                    total_min = least(d.total_min, excluded.total_min),
                    db_count_sum = d.db_count_sum + excluded.db_count_sum,
                    db_count_max = greatest(d.db_count_max, excluded.db_count_max),
                    db_count_min = least(d.db_count_min, excluded.db_count_min)
                RETURNING d.instance_id, d.day
            ), touched AS (
                SELECT instance_id, day FROM database_days
                UNION
                SELECT instance_id, day FROM instance_days
            ), affected AS (
                -- the periods of every type containing a touched day, and the period after each
                SELECT t.instance_id, p.period_type, p.period_start::date AS period_start
                FROM touched t CROSS JOIN LATERAL (VALUES
                    ('daily', t.day::timestamp), ('daily', t.day + 1),
                    ('weekly', date_trunc('week', t.day)), ('weekly', date_trunc('week', t.day) + interval '1 week'),
                    ('monthly', date_trunc('month', t.day)), ('monthly', date_trunc('month', t.day) + interval '1 month'),
                    ('quarterly', date_trunc('quarter', t.day)),
                    ('quarterly', date_trunc('quarter', t.day) + interval '3 months')
                ) AS p(period_type, period_start)
            )
            UPDATE period_state s SET stale = true, stale_since = now(), stale_run_id = NULL, stale_claimed_at = NULL
            FROM affected a
            WHERE s.instance_id = a.instance_id AND s.period_type = a.period_type
              AND s.period_start = a.period_start AND NOT s.stale
            """;

    private final Jdbc jdbc;
    private final AggregationConfig config;

    public DailyStates(Jdbc jdbc, AggregationConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** Adds the samples to the daily states and marks the affected computed periods stale. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(DatabaseSampleColumns databases, InstanceSampleColumns instances) {
        String zone = config.zone().getId();
        jdbc.update(ADD_SAMPLES, List.of(zone, new SqlArray("bigint", databases.instanceId()),
                new SqlArray("text", databases.databaseName()), new SqlArray("bigint", databases.collectedAtUnixUs()),
                new SqlArray("bigint", databases.sizeMb()), new SqlArray("bigint", databases.dataSizeMb()),
                new SqlArray("bigint", databases.logSizeMb()), zone, new SqlArray("bigint", instances.instanceId()),
                new SqlArray("bigint", instances.collectedAtUnixUs()), new SqlArray("bigint", instances.totalSizeMb()),
                new SqlArray("integer", instances.databaseCount())));
    }
}
