package io.whalefall.aggregation.work;

import io.whalefall.platform.calendar.PeriodCalendar;
import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.InstancePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.TrendDirection;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Computes one instance's periods, both levels, with a handful of set-based statements, and claims a new
 * revision of each in {@code period_state}.
 */
@ApplicationScoped
class PeriodAggregator {

    /** A period's computed state, as {@code period_state} records it. */
    record State(int revision, boolean complete, boolean stale) {
    }

    private final Jdbc jdbc;

    PeriodAggregator(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored states of the given periods of an instance, by period. */
    Map<PeriodRef, State> states(long instanceId, List<PeriodRef> periods) {
        Map<PeriodRef, State> states = new HashMap<>();
        if (periods.isEmpty()) {
            return states;
        }
        Map<String, PeriodRef> byKey = index(periods);
        jdbc.forEach(PeriodSql.STATES, List.of(
                new SqlArray("text", periods.stream().map(p -> code(p.periodType())).toArray()),
                new SqlArray("date", periods.stream().map(p -> p.periodStart().toString()).toArray()), instanceId),
                rs -> states.put(byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class))),
                        new State(rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5))));
        return states;
    }

    /** Computes {@code periods} of the instance and returns them, in the order given. */
    List<PeriodResult> aggregate(long instanceId, List<PeriodRef> periods, UUID runId, LocalDate today, Instant now) {
        if (periods.isEmpty()) {
            return List.of();
        }
        Map<String, PeriodRef> byKey = index(periods);
        Map<PeriodRef, Integer> revisions = claimRevisions(instanceId, periods, byKey, runId, today, now);
        Map<PeriodRef, InstancePeriodAggregate> instanceRows = new HashMap<>();
        Map<PeriodRef, List<DatabasePeriodAggregate>> databaseRows = new HashMap<>();

        jdbc.forEach(PeriodSql.DATABASE_PERIODS, parameters(instanceId, periods, 1), rs -> {
            PeriodRef period = byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class)));
            databaseRows.computeIfAbsent(period, p -> new ArrayList<>()).add(databaseRow(rs));
        });
        jdbc.forEach(PeriodSql.INSTANCE_PERIODS, parameters(instanceId, periods, 2), rs -> {
            PeriodRef period = byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class)));
            instanceRows.put(period, instanceRow(rs));
        });

        List<PeriodResult> results = new ArrayList<>(periods.size());
        for (PeriodRef period : periods) {
            List<DatabasePeriodAggregate> rows = databaseRows.getOrDefault(period, List.of());
            results.add(new PeriodResult(period, revisions.get(period), instanceRows.get(period),
                    rows.stream().sorted((a, b) -> a.databaseName().compareTo(b.databaseName())).toList()));
        }
        return results;
    }

    private Map<PeriodRef, Integer> claimRevisions(long instanceId, List<PeriodRef> periods,
            Map<String, PeriodRef> byKey, UUID runId, LocalDate today, Instant now) {
        Map<PeriodRef, Integer> revisions = new HashMap<>();
        jdbc.forEach(PeriodSql.CLAIM_REVISIONS, List.of(instanceId, now, runId,
                new SqlArray("text", periods.stream().map(p -> code(p.periodType())).toArray()),
                dates(periods.stream().map(PeriodRef::periodStart).toList()),
                dates(periods.stream().map(PeriodRef::periodEnd).toList()),
                new SqlArray("boolean", periods.stream().map(p -> PeriodCalendar.isComplete(p, today)).toArray())),
                rs -> revisions.put(byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class))), rs.getInt(3)));
        return revisions;
    }

    /**
     * The {@code req} CTE's parameters (types, starts, ends, previous starts and ends), then the instance id
     * {@code instanceRepeats} times.
     */
    private static List<Object> parameters(long instanceId, List<PeriodRef> periods, int instanceRepeats) {
        List<PeriodRef> previous = periods.stream().map(PeriodCalendar::previous).toList();
        List<Object> parameters = new ArrayList<>();
        parameters.add(new SqlArray("text", periods.stream().map(p -> code(p.periodType())).toArray()));
        parameters.add(dates(periods.stream().map(PeriodRef::periodStart).toList()));
        parameters.add(dates(periods.stream().map(PeriodRef::periodEnd).toList()));
        parameters.add(dates(previous.stream().map(PeriodRef::periodStart).toList()));
        parameters.add(dates(previous.stream().map(PeriodRef::periodEnd).toList()));
        for (int i = 0; i < instanceRepeats; i++) {
            parameters.add(instanceId);
        }
        return parameters;
    }

    private static SqlArray dates(List<LocalDate> dates) {
        return new SqlArray("date", dates.stream().map(Date::valueOf).toArray());
    }

    private static DatabasePeriodAggregate databaseRow(ResultSet rs) throws SQLException {
        return new DatabasePeriodAggregate(rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                Rows.nullableLong(rs, 7), Rows.nullableLong(rs, 8), Rows.nullableLong(rs, 9),
                Rows.nullableLong(rs, 10), Rows.nullableLong(rs, 11), Rows.nullableLong(rs, 12), rs.getInt(13),
                rs.getInt(14), Rows.nullableLong(rs, 15), rs.getLong(16), rs.getBigDecimal(17), rs.getLong(18),
                rs.getBigDecimal(19), rs.getLong(20), rs.getBigDecimal(21), rs.getBigDecimal(22));
    }

    private static InstancePeriodAggregate instanceRow(ResultSet rs) throws SQLException {
        return new InstancePeriodAggregate(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getInt(7),
                rs.getInt(8), rs.getBigDecimal(9), rs.getInt(10), rs.getInt(11), Rows.nullableLong(rs, 12),
                rs.getLong(13), rs.getBigDecimal(14), rs.getInt(15), rs.getBigDecimal(16), rs.getBigDecimal(17),
                TrendDirection.valueOf(rs.getString(18).toUpperCase(Locale.ROOT)));
    }

    private static Map<String, PeriodRef> index(List<PeriodRef> periods) {
        Map<String, PeriodRef> byKey = new HashMap<>();
        periods.forEach(p -> byKey.put(key(code(p.periodType()), p.periodStart()), p));
        return byKey;
    }

    private static String key(String type, LocalDate start) {
        return type + '/' + start;
    }

    private static String code(PeriodType type) {
        return type.code();
    }
}
