package io.whalefall.query.sql;

import io.agroal.api.AgroalDataSource;
import io.whalefall.query.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Thin JDBC access for hand-written, set-based SQL: binds parameters (arrays, dates, instants), maps rows,
 * and bounds every read with the configured query timeout. Inside a transaction the statements join it.
 */
@ApplicationScoped
public class Jdbc {

    private final AgroalDataSource dataSource;
    private final int timeoutSeconds;

    public Jdbc(AgroalDataSource dataSource, QueryConfig config) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, config.queryTimeout().toSeconds());
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** Reads the current row. */
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs a query and maps every row. */
    public <T> List<T> list(String sql, List<?> parameters, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + firstLine(sql), e);
        }
    }

    /** Runs a query and maps its first row, if any. */
    public <T> Optional<T> first(String sql, List<?> parameters, RowMapper<T> mapper) {
        List<T> rows = list(sql, parameters, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs a query whose first row's first column is a count. */
    public long count(String sql, List<?> parameters) {
        return first(sql, parameters, rs -> rs.getLong(1)).orElse(0L);
    }

    /** Runs an INSERT/UPDATE/DELETE; returns the number of rows changed. */
    public int update(String sql, List<?> parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + firstLine(sql), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<?> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                bind(connection, statement, i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof SqlArray array) {
            statement.setArray(index, connection.createArrayOf(array.elementType(), array.values()));
        } else if (value instanceof Instant instant) {
            // an offset date-time binds as timestamptz whatever the JVM's default zone
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
