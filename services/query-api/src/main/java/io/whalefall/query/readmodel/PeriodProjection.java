package io.whalefall.query.readmodel;

import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.InstancePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Applies {@code PeriodCompleted} to the aggregate tables. The highest revision of each instance's period
 * wins: an event first claims its period in {@code period_revision} (whose row lock also orders concurrent
 * events of one period); a newer revision then replaces the period's whole set of database rows with one
 * unnest upsert and a delete of the rows it no longer has, and replaces (or removes) the instance row.
 */
@ApplicationScoped
public class PeriodProjection {

    private static final String CLAIM = """
            INSERT INTO period_revision AS p (instance_id, period_type, period_start, period_end, revision, complete,
                days_with_data, days_in_period, calculated_at, run_id, database_rows)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::uuid, ?)
            ON CONFLICT (instance_id, period_type, period_start) DO UPDATE SET period_end = excluded.period_end,
                revision = excluded.revision, complete = excluded.complete, days_with_data = excluded.days_with_data,
                days_in_period = excluded.days_in_period, calculated_at = excluded.calculated_at,
                run_id = excluded.run_id, database_rows = excluded.database_rows, applied_at = now()
            WHERE excluded.revision > p.revision
            RETURNING revision
            """;

    private static final String UPSERT_DATABASES = """
            INSERT INTO database_period AS d (instance_id, period_type, period_start, period_end, revision, complete,
                days_in_period, calculated_at, database_name, avg_size_mb, max_size_mb, min_size_mb, avg_data_size_mb,
                max_data_size_mb, min_data_size_mb, avg_log_size_mb, max_log_size_mb, min_log_size_mb, data_count,
                days_with_data, previous_avg_size_mb, size_change_mb, size_change_percent, data_size_change_mb,
                data_size_change_percent, log_size_change_mb, log_size_change_percent, growth_rate)
            SELECT ?::bigint, ?::text, ?::date, ?::date, ?::integer, ?::boolean, ?::integer, ?::timestamptz, u.*
            FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                        ?::bigint[], ?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::bigint[], ?::bigint[],
                        ?::numeric[], ?::bigint[], ?::numeric[], ?::bigint[], ?::numeric[], ?::numeric[]) AS u
            ON CONFLICT (instance_id, period_type, period_start, database_name) DO UPDATE SET
                period_end = excluded.period_end, revision = excluded.revision, complete = excluded.complete,
                days_in_period = excluded.days_in_period, calculated_at = excluded.calculated_at,
                avg_size_mb = excluded.avg_size_mb, max_size_mb = excluded.max_size_mb, min_size_mb = excluded.min_size_mb,
                avg_data_size_mb = excluded.avg_data_size_mb, max_data_size_mb = excluded.max_data_size_mb,
                min_data_size_mb = excluded.min_data_size_mb, avg_log_size_mb = excluded.avg_log_size_mb,
                max_log_size_mb = excluded.max_log_size_mb, min_log_size_mb = excluded.min_log_size_mb,
                data_count = excluded.data_count, days_with_data = excluded.days_with_data,
                previous_avg_size_mb = excluded.previous_avg_size_mb, size_change_mb = excluded.size_change_mb,
                size_change_percent = excluded.size_change_percent, data_size_change_mb = excluded.data_size_change_mb,
                data_size_change_percent = excluded.data_size_change_percent,
                log_size_change_mb = excluded.log_size_change_mb, log_size_change_percent = excluded.log_size_change_percent,
                growth_rate = excluded.growth_rate
            WHERE excluded.revision > d.revision
            """;

    /** The databases the new revision no longer has still carry an older revision. */
    private static final String DELETE_OLDER_DATABASES = """
            DELETE FROM database_period
            WHERE instance_id = ? AND period_type = ? AND period_start = ? AND revision < ?
            """;

    private static final String UPSERT_INSTANCE = """
            INSERT INTO instance_period AS p (instance_id, period_type, period_start, period_end, total_size_mb,
                avg_size_mb, max_size_mb, min_size_mb, data_count, database_count, avg_database_count,
                max_database_count, min_database_count, previous_total_size_mb, total_size_change_mb,
                total_size_change_percent, database_count_change, database_count_change_percent, growth_rate,
                trend_direction, revision, complete, days_with_data, days_in_period, calculated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?, ?, ?::bigint, ?, ?::numeric, ?, ?::numeric, ?::numeric,
                ?::text, ?, ?, ?, ?, ?::timestamptz)
            ON CONFLICT (instance_id, period_type, period_start) DO UPDATE SET period_end = excluded.period_end,
                total_size_mb = excluded.total_size_mb, avg_size_mb = excluded.avg_size_mb,
                max_size_mb = excluded.max_size_mb, min_size_mb = excluded.min_size_mb, data_count = excluded.data_count,
                database_count = excluded.database_count, avg_database_count = excluded.avg_database_count,
                max_database_count = excluded.max_database_count, min_database_count = excluded.min_database_count,
                previous_total_size_mb = excluded.previous_total_size_mb,
                total_size_change_mb = excluded.total_size_change_mb,
                total_size_change_percent = excluded.total_size_change_percent,
                database_count_change = excluded.database_count_change,
                database_count_change_percent = excluded.database_count_change_percent,
                growth_rate = excluded.growth_rate, trend_direction = excluded.trend_direction,
                revision = excluded.revision, complete = excluded.complete, days_with_data = excluded.days_with_data,
                days_in_period = excluded.days_in_period, calculated_at = excluded.calculated_at
            WHERE excluded.revision > p.revision
            """;

    private static final String DELETE_INSTANCE = """
            DELETE FROM instance_period WHERE instance_id = ? AND period_type = ? AND period_start = ?
            """;

    /** Names sorted, so that concurrent events of one instance lock catalog rows in the same order. */
    private static final String CATALOG = """
            INSERT INTO database_catalog (instance_id, database_name)
            SELECT ?, name FROM unnest(?::text[]) AS name ORDER BY name
            ON CONFLICT DO NOTHING
            """;

    private final Jdbc jdbc;

    public PeriodProjection(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies the event; false when the read model already holds this or a newer revision of the period. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(PeriodCompleted event) {
        List<DatabasePeriodAggregate> databases = event.databases() == null ? List.of() : event.databases();
        if (!claim(event, databases.size())) {
            return false;
        }
        if (!databases.isEmpty()) {
            jdbc.update(UPSERT_DATABASES, databaseParameters(event, databases));
            jdbc.update(CATALOG, List.of(event.instanceId(),
                    SqlArray.texts(databases.stream().map(DatabasePeriodAggregate::databaseName).toList())));
        }
        jdbc.update(DELETE_OLDER_DATABASES, List.of(event.instanceId(), event.periodType().code(), event.periodStart(),
                event.revision()));
        if (event.instance() == null) {
            jdbc.update(DELETE_INSTANCE, List.of(event.instanceId(), event.periodType().code(), event.periodStart()));
        } else {
            jdbc.update(UPSERT_INSTANCE, instanceParameters(event, event.instance()));
        }
        return true;
    }

    private boolean claim(PeriodCompleted event, int databaseRows) {
        return !jdbc.list(CLAIM, Arrays.asList(event.instanceId(), event.periodType().code(), event.periodStart(),
                event.periodEnd(), event.revision(), event.complete(), event.daysWithData(), event.daysInPeriod(),
                event.calculatedAt(), event.runId(), databaseRows), rs -> rs.getInt(1)).isEmpty();
    }

    private static List<Object> databaseParameters(PeriodCompleted event, List<DatabasePeriodAggregate> rows) {
        List<DatabasePeriodAggregate> sorted = rows.stream()
                .sorted(Comparator.comparing(DatabasePeriodAggregate::databaseName)).toList();
        List<Object> parameters = new ArrayList<>(Arrays.asList(event.instanceId(), event.periodType().code(),
                event.periodStart(), event.periodEnd(), event.revision(), event.complete(), event.daysInPeriod(),
                event.calculatedAt()));
        parameters.add(column(sorted, "text", DatabasePeriodAggregate::databaseName));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::avgSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::maxSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::minSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::avgDataSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::maxDataSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::minDataSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::avgLogSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::maxLogSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::minLogSizeMb));
        parameters.add(column(sorted, "integer", DatabasePeriodAggregate::dataCount));
        parameters.add(column(sorted, "integer", DatabasePeriodAggregate::daysWithData));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::previousAvgSizeMb));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::sizeChangeMb));
        parameters.add(column(sorted, "numeric", DatabasePeriodAggregate::sizeChangePercent));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::dataSizeChangeMb));
        parameters.add(column(sorted, "numeric", DatabasePeriodAggregate::dataSizeChangePercent));
        parameters.add(column(sorted, "bigint", DatabasePeriodAggregate::logSizeChangeMb));
        parameters.add(column(sorted, "numeric", DatabasePeriodAggregate::logSizeChangePercent));
        parameters.add(column(sorted, "numeric", DatabasePeriodAggregate::growthRate));
        return parameters;
    }

    private static List<Object> instanceParameters(PeriodCompleted event, InstancePeriodAggregate row) {
        return Arrays.asList(event.instanceId(), event.periodType().code(), event.periodStart(), event.periodEnd(),
                row.totalSizeMb(), row.avgSizeMb(), row.maxSizeMb(), row.minSizeMb(), row.dataCount(),
                row.databaseCount(), row.avgDatabaseCount(), row.maxDatabaseCount(), row.minDatabaseCount(),
                row.previousTotalSizeMb(), row.totalSizeChangeMb(), row.totalSizeChangePercent(),
                row.databaseCountChange(), row.databaseCountChangePercent(), row.growthRate(),
                row.trendDirection() == null ? null : row.trendDirection().name().toLowerCase(java.util.Locale.ROOT),
                event.revision(), event.complete(), event.daysWithData(), event.daysInPeriod(), event.calculatedAt());
    }

    private static <V> SqlArray column(List<DatabasePeriodAggregate> rows, String type,
            Function<DatabasePeriodAggregate, V> value) {
        Object[] values = switch (type) {
            case "text" -> new String[rows.size()];
            case "bigint" -> new Long[rows.size()];
            case "integer" -> new Integer[rows.size()];
            case "numeric" -> new BigDecimal[rows.size()];
            default -> throw new IllegalArgumentException(type);
        };
        for (int i = 0; i < rows.size(); i++) {
            values[i] = value.apply(rows.get(i));
        }
        return new SqlArray(type, values);
    }
}
