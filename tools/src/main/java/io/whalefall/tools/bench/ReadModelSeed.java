package io.whalefall.tools.bench;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Fills query-api's read model straight in SQL with the rows a backfill of the workload would project —
 * instances, and daily and monthly periods of every database — so that the query load runs over millions
 * of aggregation rows in a minute instead of the hour the whole pipeline takes to produce them. The
 * values are synthetic; the shapes, keys and counts are those of real projected periods.
 */
final class ReadModelSeed {

    private static final String SQL = """
            INSERT INTO query.instance (instance_id, name, db_type, is_active, capacity_mb, version, updated_at)
            SELECT id, 'bench-' || id, (ARRAY['mysql', 'postgresql', 'sqlserver', 'oracle'])[1 + id %% 4], true,
                   10000000, 1, now()
            FROM generate_series(%1$d::bigint, %1$d::bigint + %2$d - 1) AS id;

            CREATE TEMP TABLE seed_period AS
            SELECT 'daily'::text AS period_type, d::date AS period_start, d::date AS period_end, 1 AS days
            FROM generate_series(date '%4$s', date '%4$s' + %5$d - 1, interval '1 day') AS d
            UNION ALL
            SELECT 'monthly', m::date, (m + interval '1 month' - interval '1 day')::date,
                   extract(day FROM m + interval '1 month' - interval '1 day')::int
            FROM generate_series(date_trunc('month', date '%4$s'), date '%4$s' + %5$d - 1, interval '1 month') AS m;

            INSERT INTO query.period_revision (instance_id, period_type, period_start, period_end, revision, complete,
                                               days_with_data, days_in_period, calculated_at, database_rows)
            SELECT id, p.period_type, p.period_start, p.period_end, 1, p.period_end < current_date, p.days, p.days,
                   now(), %3$d
            FROM generate_series(%1$d::bigint, %1$d::bigint + %2$d - 1) AS id, seed_period p;

            INSERT INTO query.database_period (instance_id, period_type, period_start, database_name, period_end,
                avg_size_mb, max_size_mb, min_size_mb, avg_data_size_mb, max_data_size_mb, min_data_size_mb,
                avg_log_size_mb, max_log_size_mb, min_log_size_mb, data_count, days_with_data, previous_avg_size_mb,
                size_change_mb, size_change_percent, data_size_change_mb, data_size_change_percent, log_size_change_mb,
                log_size_change_percent, growth_rate, revision, complete, days_in_period, calculated_at)
            SELECT id, p.period_type, p.period_start, 'db_' || lpad(n::text, 3, '0'), p.period_end,
                   s.size, s.size + 5, s.size - 5, s.size * 9 / 10, s.size * 9 / 10 + 5, s.size * 9 / 10 - 5,
                   s.size / 10, s.size / 10 + 1, s.size / 10 - 1, p.days * 2, p.days, s.size - 3,
                   3, round(300.0 / s.size, 2), 3, round(300.0 / s.size, 2), 0, 0, round(300.0 / s.size, 2), 1,
                   p.period_end < current_date, p.days, now()
            FROM generate_series(%1$d::bigint, %1$d::bigint + %2$d - 1) AS id,
                 generate_series(1, %3$d) AS n, seed_period p,
                 LATERAL (SELECT 1000 + (id %% 97) * 40 + n * 13 + (p.period_start - date '%4$s') * 2 AS size) s;

            INSERT INTO query.database_catalog (instance_id, database_name)
            SELECT id, 'db_' || lpad(n::text, 3, '0')
            FROM generate_series(%1$d::bigint, %1$d::bigint + %2$d - 1) AS id, generate_series(1, %3$d) AS n;

            ANALYZE query.instance, query.period_revision, query.database_period, query.database_catalog;
            """;

    private ReadModelSeed() {
    }

    /** The statements seeding {@code instances × databases} databases over {@code days} days from {@code from}. */
    static String sql(long firstInstance, int instances, int databases, LocalDate from, int days) {
        return String.format(Locale.ROOT, SQL, firstInstance, instances, databases, from, days);
    }
}
