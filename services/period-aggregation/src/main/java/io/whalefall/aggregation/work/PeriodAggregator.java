package io.whalefall.aggregation.work;

import io.whalefall.platform.calendar.PeriodCalendar;
import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.InstancePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.TrendDirection;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Computes and stores one instance's periods, both levels, with a handful of set-based statements. */
@ApplicationScoped
class PeriodAggregator {

    /** A period's computed state, as {@code period_state} records it. */
    record State(int revision, boolean complete, boolean stale) {
    }

    /** The stored states of the given periods of an instance, by period. */
    Map<PeriodRef, State> states(Connection connection, long instanceId, List<PeriodRef> periods) throws SQLException {
        Map<PeriodRef, State> states = new HashMap<>();
        if (periods.isEmpty()) {
            return states;
        }
        Map<String, PeriodRef> byKey = index(periods);
        try (PreparedStatement select = connection.prepareStatement(PeriodSql.STATES)) {
            select.setArray(1, connection.createArrayOf("text", periods.stream().map(p -> code(p.periodType())).toArray()));
            select.setArray(2, connection.createArrayOf("date", periods.stream().map(p -> p.periodStart().toString()).toArray()));
            select.setLong(3, instanceId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    states.put(byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class))),
                            new State(rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5)));
                }
            }
        }
        return states;
    }

    /** Computes {@code periods} of the instance and returns them, in the order given. */
    List<PeriodResult> aggregate(Connection connection, long instanceId, List<PeriodRef> periods, UUID runId,
            LocalDate today, Instant now) throws SQLException {
        if (periods.isEmpty()) {
            return List.of();
        }
        Map<String, PeriodRef> byKey = index(periods);
        Map<PeriodRef, Integer> revisions = claimRevisions(connection, instanceId, periods, runId, today, now);
        Map<PeriodRef, InstancePeriodAggregate> instanceRows = new HashMap<>();
        Map<PeriodRef, List<DatabasePeriodAggregate>> databaseRows = new HashMap<>();

        try (PreparedStatement insert = prepareUpsert(connection, PeriodSql.DATABASE_PERIODS, instanceId, periods, 2,
                now)) {
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    PeriodRef period = byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    databaseRows.computeIfAbsent(period, p -> new ArrayList<>()).add(databaseRow(rs));
                }
            }
        }
        try (PreparedStatement insert = prepareUpsert(connection, PeriodSql.INSTANCE_PERIODS, instanceId, periods, 3,
                now)) {
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    PeriodRef period = byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    instanceRows.put(period, instanceRow(rs));
                }
            }
        }
        for (String sql : List.of(PeriodSql.DELETE_OUTDATED_DATABASE_ROWS, PeriodSql.DELETE_OUTDATED_INSTANCE_ROWS)) {
            try (PreparedStatement delete = prepare(connection, sql, instanceId, periods, 1)) {
                delete.executeUpdate();
            }
        }

        List<PeriodResult> results = new ArrayList<>(periods.size());
        for (PeriodRef period : periods) {
            List<DatabasePeriodAggregate> rows = databaseRows.getOrDefault(period, List.of());
            results.add(new PeriodResult(period, revisions.get(period), instanceRows.get(period),
                    rows.stream().sorted((a, b) -> a.databaseName().compareTo(b.databaseName())).toList()));
        }
        return results;
    }

    private Map<PeriodRef, Integer> claimRevisions(Connection connection, long instanceId, List<PeriodRef> periods,
            UUID runId, LocalDate today, Instant now) throws SQLException {
        Map<String, PeriodRef> byKey = index(periods);
        Map<PeriodRef, Integer> revisions = new HashMap<>();
        try (PreparedStatement claim = connection.prepareStatement(PeriodSql.CLAIM_REVISIONS)) {
            claim.setLong(1, instanceId);
            claim.setTimestamp(2, Timestamp.from(now));
            claim.setObject(3, runId);
            claim.setArray(4, connection.createArrayOf("text", periods.stream().map(p -> code(p.periodType())).toArray()));
            claim.setArray(5, dates(connection, periods.stream().map(PeriodRef::periodStart).toList()));
            claim.setArray(6, dates(connection, periods.stream().map(PeriodRef::periodEnd).toList()));
            claim.setArray(7, connection.createArrayOf("boolean",
                    periods.stream().map(p -> PeriodCalendar.isComplete(p, today)).toArray()));
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    revisions.put(byKey.get(key(rs.getString(1), rs.getObject(2, LocalDate.class))), rs.getInt(3));
                }
            }
        }
        return revisions;
    }

    /**
     * Binds the {@code req} CTE (types, starts, previous starts and ends, instance) and then the instance id
     * {@code instanceRepeats} more times.
     */
    private static PreparedStatement prepare(Connection connection, String sql, long instanceId, List<PeriodRef> periods,
            int instanceRepeats) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        List<PeriodRef> previous = periods.stream().map(PeriodCalendar::previous).toList();
        statement.setArray(1, connection.createArrayOf("text", periods.stream().map(p -> code(p.periodType())).toArray()));
        statement.setArray(2, dates(connection, periods.stream().map(PeriodRef::periodStart).toList()));
        statement.setArray(3, dates(connection, previous.stream().map(PeriodRef::periodStart).toList()));
        statement.setArray(4, dates(connection, previous.stream().map(PeriodRef::periodEnd).toList()));
        for (int i = 0; i <= instanceRepeats; i++) {
            statement.setLong(5 + i, instanceId);
        }
        return statement;
    }

    /** As {@link #prepare}, then binds the calculation time, the upserts' last parameter. */
    private static PreparedStatement prepareUpsert(Connection connection, String sql, long instanceId,
            List<PeriodRef> periods, int instanceRepeats, Instant calculatedAt) throws SQLException {
        PreparedStatement statement = prepare(connection, sql, instanceId, periods, instanceRepeats);
        statement.setTimestamp(6 + instanceRepeats, Timestamp.from(calculatedAt));
        return statement;
    }

    private static java.sql.Array dates(Connection connection, List<LocalDate> dates) throws SQLException {
        return connection.createArrayOf("date", dates.stream().map(Date::valueOf).toArray());
    }

    private static DatabasePeriodAggregate databaseRow(ResultSet rs) throws SQLException {
        return new DatabasePeriodAggregate(rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                nullableLong(rs, 7), nullableLong(rs, 8), nullableLong(rs, 9), nullableLong(rs, 10),
                nullableLong(rs, 11), nullableLong(rs, 12), rs.getInt(13), rs.getInt(14), nullableLong(rs, 15),
                rs.getLong(16), rs.getBigDecimal(17), rs.getLong(18), rs.getBigDecimal(19), rs.getLong(20),
                rs.getBigDecimal(21), rs.getBigDecimal(22));
    }

    private static InstancePeriodAggregate instanceRow(ResultSet rs) throws SQLException {
        return new InstancePeriodAggregate(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getInt(7),
                rs.getInt(8), rs.getBigDecimal(9), rs.getInt(10), rs.getInt(11), nullableLong(rs, 12), rs.getLong(13),
                rs.getBigDecimal(14), rs.getInt(15), rs.getBigDecimal(16), rs.getBigDecimal(17),
                TrendDirection.valueOf(rs.getString(18).toUpperCase(Locale.ROOT)));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
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
