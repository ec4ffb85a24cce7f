package io.whalefall.query.readmodel;

import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.InstancePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies {@code PeriodCompleted} events to the aggregate tables, any number at once, with one statement per
 * step whatever the number of periods and rows. The highest revision of each instance's period wins: the
 * events first claim their periods in {@code period_revision} (whose row locks also order concurrent events
 * of one period); each newer revision then replaces its period's whole set of database rows (one unnest
 * upsert, and a delete of the rows it no longer has) and replaces, or removes, its instance row.
 * Periods are written in key order, so that concurrent batches lock rows in the same order.
 */
@ApplicationScoped
public class PeriodProjection {

    /** Claims each period for its event's revision; returns the periods claimed (a newer revision than held). */
    private static final String CLAIM = """
            INSERT INTO period_revision AS p (instance_id, period_type, period_start, period_end, revision, complete,
                days_with_data, days_in_period, calculated_at, run_id, database_rows)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::date[], ?::date[], ?::integer[], ?::boolean[], ?::integer[],
                                 ?::integer[], ?::text[]::timestamptz[], ?::text[]::uuid[], ?::integer[])
            ON CONFLICT (instance_id, period_type, period_start) DO UPDATE SET period_end = excluded.period_end,
                revision = excluded.revision, complete = excluded.complete, days_with_data = excluded.days_with_data,
                days_in_period = excluded.days_in_period, calculated_at = excluded.calculated_at,
                run_id = excluded.run_id, database_rows = excluded.database_rows, applied_at = now()
            WHERE excluded.revision > p.revision
            RETURNING instance_id, period_type, period_start
            """;

    private static final String UPSERT_DATABASES = """
            INSERT INTO database_period AS d (instance_id, period_type, period_start, period_end, revision, complete,
                days_in_period, calculated_at, database_name, avg_size_mb, max_size_mb, min_size_mb, avg_data_size_mb,
                max_data_size_mb, min_data_size_mb, avg_log_size_mb, max_log_size_mb, min_log_size_mb, data_count,
                days_with_data, previous_avg_size_mb, size_change_mb, size_change_percent, data_size_change_mb,
                data_size_change_percent, log_size_change_mb, log_size_change_percent, growth_rate)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::date[], ?::date[], ?::integer[], ?::boolean[], ?::integer[],
                                 ?::text[]::timestamptz[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                                 ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::integer[],
                                 ?::integer[], ?::bigint[], ?::bigint[], ?::numeric[], ?::bigint[], ?::numeric[],
                                 ?::bigint[], ?::numeric[], ?::numeric[])
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

    /** The databases a new revision no longer has still carry an older revision. */
    private static final String DELETE_OLDER_DATABASES = """
            DELETE FROM database_period d
            USING unnest(?::bigint[], ?::text[], ?::date[], ?::integer[]) AS c(instance_id, period_type, period_start, revision)
            WHERE d.instance_id = c.instance_id AND d.period_type = c.period_type AND d.period_start = c.period_start
              AND d.revision < c.revision
            """;

    private static final String UPSERT_INSTANCES = """
            INSERT INTO instance_period AS p (instance_id, period_type, period_start, period_end, total_size_mb,
                avg_size_mb, max_size_mb, min_size_mb, data_count, database_count, avg_database_count,
                max_database_count, min_database_count, previous_total_size_mb, total_size_change_mb,
                total_size_change_percent, database_count_change, database_count_change_percent, growth_rate,
                trend_direction, revision, complete, days_with_data, days_in_period, calculated_at)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::date[], ?::date[], ?::bigint[], ?::bigint[], ?::bigint[],
                                 ?::bigint[], ?::integer[], ?::integer[], ?::numeric[], ?::integer[], ?::integer[],
                                 ?::bigint[], ?::bigint[], ?::numeric[], ?::integer[], ?::numeric[], ?::numeric[],
                                 ?::text[], ?::integer[], ?::boolean[], ?::integer[], ?::integer[],
                                 ?::text[]::timestamptz[])
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

    /** A new revision without an instance row (its period lost its data) removes the old one. */
    private static final String DELETE_INSTANCES = """
            DELETE FROM instance_period p
            USING unnest(?::bigint[], ?::text[], ?::date[]) AS c(instance_id, period_type, period_start)
            WHERE p.instance_id = c.instance_id AND p.period_type = c.period_type AND p.period_start = c.period_start
            """;

    /** Pairs sorted, so that concurrent batches lock catalog rows in the same order. */
    private static final String CATALOG = """
            INSERT INTO database_catalog (instance_id, database_name)
            SELECT * FROM unnest(?::bigint[], ?::text[]) AS c(instance_id, database_name)
            ORDER BY instance_id, database_name
            ON CONFLICT DO NOTHING
            """;

    private static final Comparator<PeriodCompleted> BY_PERIOD = Comparator.comparingLong(PeriodCompleted::instanceId)
            .thenComparing(e -> e.periodType().code()).thenComparing(PeriodCompleted::periodStart);

    private final Jdbc jdbc;

    public PeriodProjection(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Applies the events; returns those applied (by identity). An event is not applied when the read model
     * already holds its revision or a newer one, or when a newer revision of its period is among {@code events}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<PeriodCompleted> apply(List<PeriodCompleted> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        Map<String, PeriodCompleted> newest = new HashMap<>();
        for (PeriodCompleted event : events) {
            newest.merge(key(event.instanceId(), event.periodType().code(), event.periodStart()), event,
                    (held, other) -> other.revision() > held.revision() ? other : held);
        }
        List<PeriodCompleted> candidates = newest.values().stream().sorted(BY_PERIOD).toList();
        Set<String> claimed = claim(candidates);
        List<PeriodCompleted> applied = candidates.stream()
                .filter(e -> claimed.contains(key(e.instanceId(), e.periodType().code(), e.periodStart()))).toList();
        if (applied.isEmpty()) {
            return Set.of();
        }
        writeDatabases(applied);
        jdbc.update(DELETE_OLDER_DATABASES, List.of(column(applied, "bigint", PeriodCompleted::instanceId),
                column(applied, "text", e -> e.periodType().code()), dates(applied, PeriodCompleted::periodStart),
                column(applied, "integer", PeriodCompleted::revision)));
        List<PeriodCompleted> withInstance = applied.stream().filter(e -> e.instance() != null).toList();
        List<PeriodCompleted> withoutInstance = applied.stream().filter(e -> e.instance() == null).toList();
        if (!withInstance.isEmpty()) {
            jdbc.update(UPSERT_INSTANCES, instanceParameters(withInstance));
        }
        if (!withoutInstance.isEmpty()) {
            jdbc.update(DELETE_INSTANCES, List.of(column(withoutInstance, "bigint", PeriodCompleted::instanceId),
                    column(withoutInstance, "text", e -> e.periodType().code()),
                    dates(withoutInstance, PeriodCompleted::periodStart)));
        }
        Set<PeriodCompleted> result = Collections.newSetFromMap(new IdentityHashMap<>());
        result.addAll(applied);
        return result;
    }

    private Set<String> claim(List<PeriodCompleted> events) {
        Set<String> claimed = new HashSet<>();
        jdbc.forEach(CLAIM, List.of(column(events, "bigint", PeriodCompleted::instanceId),
                column(events, "text", e -> e.periodType().code()), dates(events, PeriodCompleted::periodStart),
                dates(events, PeriodCompleted::periodEnd), column(events, "integer", PeriodCompleted::revision),
                column(events, "boolean", PeriodCompleted::complete),
                column(events, "integer", PeriodCompleted::daysWithData),
                column(events, "integer", PeriodCompleted::daysInPeriod),
                column(events, "text", e -> SqlArray.text(e.calculatedAt())),
                column(events, "text", e -> e.runId() == null ? null : e.runId().toString()),
                column(events, "integer", e -> databases(e).size())),
                rs -> claimed.add(key(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class))));
        return claimed;
    }

    /** Every database row of the events, each with its period's columns; and the catalog of their names. */
    private void writeDatabases(List<PeriodCompleted> events) {
        List<PeriodCompleted> periods = new ArrayList<>();
        List<DatabasePeriodAggregate> rows = new ArrayList<>();
        for (PeriodCompleted event : events) {
            databases(event).stream().sorted(Comparator.comparing(DatabasePeriodAggregate::databaseName))
                    .forEach(row -> {
                        periods.add(event);
                        rows.add(row);
                    });
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update(UPSERT_DATABASES, List.of(column(periods, "bigint", PeriodCompleted::instanceId),
                column(periods, "text", e -> e.periodType().code()), dates(periods, PeriodCompleted::periodStart),
                dates(periods, PeriodCompleted::periodEnd), column(periods, "integer", PeriodCompleted::revision),
                column(periods, "boolean", PeriodCompleted::complete),
                column(periods, "integer", PeriodCompleted::daysInPeriod),
                column(periods, "text", e -> SqlArray.text(e.calculatedAt())),
                column(rows, "text", DatabasePeriodAggregate::databaseName),
                column(rows, "bigint", DatabasePeriodAggregate::avgSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::maxSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::minSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::avgDataSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::maxDataSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::minDataSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::avgLogSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::maxLogSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::minLogSizeMb),
                column(rows, "integer", DatabasePeriodAggregate::dataCount),
                column(rows, "integer", DatabasePeriodAggregate::daysWithData),
                column(rows, "bigint", DatabasePeriodAggregate::previousAvgSizeMb),
                column(rows, "bigint", DatabasePeriodAggregate::sizeChangeMb),
                column(rows, "numeric", DatabasePeriodAggregate::sizeChangePercent),
                column(rows, "bigint", DatabasePeriodAggregate::dataSizeChangeMb),
                column(rows, "numeric", DatabasePeriodAggregate::dataSizeChangePercent),
                column(rows, "bigint", DatabasePeriodAggregate::logSizeChangeMb),
                column(rows, "numeric", DatabasePeriodAggregate::logSizeChangePercent),
                column(rows, "numeric", DatabasePeriodAggregate::growthRate)));
        jdbc.update(CATALOG, List.of(column(periods, "bigint", PeriodCompleted::instanceId),
                column(rows, "text", DatabasePeriodAggregate::databaseName)));
    }

    private static List<Object> instanceParameters(List<PeriodCompleted> events) {
        List<InstancePeriodAggregate> rows = events.stream().map(PeriodCompleted::instance).toList();
        return List.of(column(events, "bigint", PeriodCompleted::instanceId),
                column(events, "text", e -> e.periodType().code()), dates(events, PeriodCompleted::periodStart),
                dates(events, PeriodCompleted::periodEnd),
                column(rows, "bigint", InstancePeriodAggregate::totalSizeMb),
                column(rows, "bigint", InstancePeriodAggregate::avgSizeMb),
                column(rows, "bigint", InstancePeriodAggregate::maxSizeMb),
                column(rows, "bigint", InstancePeriodAggregate::minSizeMb),
                column(rows, "integer", InstancePeriodAggregate::dataCount),
                column(rows, "integer", InstancePeriodAggregate::databaseCount),
                column(rows, "numeric", InstancePeriodAggregate::avgDatabaseCount),
                column(rows, "integer", InstancePeriodAggregate::maxDatabaseCount),
                column(rows, "integer", InstancePeriodAggregate::minDatabaseCount),
                column(rows, "bigint", InstancePeriodAggregate::previousTotalSizeMb),
                column(rows, "bigint", InstancePeriodAggregate::totalSizeChangeMb),
                column(rows, "numeric", InstancePeriodAggregate::totalSizeChangePercent),
                column(rows, "integer", InstancePeriodAggregate::databaseCountChange),
                column(rows, "numeric", InstancePeriodAggregate::databaseCountChangePercent),
                column(rows, "numeric", InstancePeriodAggregate::growthRate),
                column(rows, "text", r -> r.trendDirection() == null ? null
                        : r.trendDirection().name().toLowerCase(Locale.ROOT)),
                column(events, "integer", PeriodCompleted::revision),
                column(events, "boolean", PeriodCompleted::complete),
                column(events, "integer", PeriodCompleted::daysWithData),
                column(events, "integer", PeriodCompleted::daysInPeriod),
                column(events, "text", e -> SqlArray.text(e.calculatedAt())));
    }

    private static List<DatabasePeriodAggregate> databases(PeriodCompleted event) {
        return event.databases() == null ? List.of() : event.databases();
    }

    private static String key(long instanceId, String periodType, LocalDate periodStart) {
        return instanceId + "/" + periodType + "/" + periodStart;
    }

    private static <T> SqlArray dates(List<T> rows, Function<T, LocalDate> value) {
        return column(rows, "date", value.andThen(date -> date == null ? null : Date.valueOf(date)));
    }

    private static <T, V> SqlArray column(List<T> rows, String type, Function<T, V> value) {
        Object[] values = switch (type) {
            case "text" -> new String[rows.size()];
            case "bigint" -> new Long[rows.size()];
            case "integer" -> new Integer[rows.size()];
            case "numeric" -> new BigDecimal[rows.size()];
            case "boolean" -> new Boolean[rows.size()];
            case "date" -> new Date[rows.size()];
            default -> throw new IllegalArgumentException(type);
        };
        for (int i = 0; i < rows.size(); i++) {
            values[i] = value.apply(rows.get(i));
        }
        return new SqlArray(type, values);
    }
}
