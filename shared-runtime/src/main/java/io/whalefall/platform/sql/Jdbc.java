package io.whalefall.platform.sql;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way the services run their hand-written, set-based SQL: binds parameters in order ({@link SqlArray}s
 * as PostgreSQL arrays, {@link Instant}s as {@code timestamptz}, everything else as JDBC's {@code setObject}
 * binds it), maps rows, and closes what it opened. Inside a transaction every statement joins it: the
 * transaction's connection is the one each call gets from the pool, so advisory locks, {@code SET LOCAL}
 * and savepoints taken by one call hold for the next.
 *
 * <p>A failure is thrown as an {@link IllegalStateException} whose cause is the driver's {@link SQLException}
 * (its SQLSTATE tells transient from permanent failures; the error envelope answers it as a database error).
 * Reads may be bounded by a timeout: a service that wants one produces its own {@code Jdbc} bean with it,
 * which replaces this default.
 */
@Singleton
@DefaultBean
public class Jdbc {

    private final AgroalDataSource dataSource;
    /** Seconds a read may run before the driver cancels it; 0 = no limit. */
    private final int readTimeoutSeconds;

    @Inject
    public Jdbc(AgroalDataSource dataSource) {
        this(dataSource, Duration.ZERO);
    }

    /** Access whose reads are cancelled after {@code readTimeout} (rounded to whole seconds, at least 1); zero: none. */
    public Jdbc(AgroalDataSource dataSource, Duration readTimeout) {
        this.dataSource = dataSource;
        this.readTimeoutSeconds = readTimeout.isZero() ? 0 : (int) Math.max(1, readTimeout.toSeconds());
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** Reads the current row. */
        T map(ResultSet rs) throws SQLException;
    }

    /** Takes the current row of a result set, for callers that fold rows as they come rather than list them. */
    @FunctionalInterface
    public interface RowHandler {
        /** Reads the current row. */
        void handle(ResultSet rs) throws SQLException;
    }

    /** Runs a query (or a statement with a RETURNING clause) and hands every row to {@code handler}. */
    public void forEach(String sql, List<?> parameters, RowHandler handler) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.setQueryTimeout(readTimeoutSeconds);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Runs a query (or a statement with a RETURNING clause) and maps every row. */
    public <T> List<T> list(String sql, List<?> parameters, RowMapper<T> mapper) {
        List<T> rows = new ArrayList<>();
        forEach(sql, parameters, rs -> rows.add(mapper.map(rs)));
        return rows;
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

    /** Runs an INSERT/UPDATE/DELETE without a RETURNING clause; returns the number of rows changed. */
    public int update(String sql, List<?> parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Runs an {@code INSERT ... ON CONFLICT DO NOTHING} of {@code rows} rows inside a savepoint and answers
     * whether it stored every one of them. When it did not, it is undone to the savepoint, so that the caller
     * can run a form that also names the rows it skipped: naming them costs that form a join or an echo of
     * every row, which the common case of nothing skipped need not pay. Inside a transaction only.
     */
    public boolean insertedAll(String insert, List<?> parameters, int rows) {
        execute("SAVEPOINT insert_all", List.of());
        if (update(insert, parameters) == rows) {
            return true;
        }
        execute("ROLLBACK TO SAVEPOINT insert_all", List.of());
        return false;
    }

    /**
     * Runs a statement for its effect, ignoring whatever it answers: advisory locks ({@code SELECT
     * pg_advisory_xact_lock(...)}), {@code SET LOCAL}, savepoints, DDL.
     */
    public void execute(String sql, List<?> parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Runs one statement for each parameter list, as one JDBC batch (one round trip). */
    public void batch(String sql, List<? extends List<?>> parameterLists) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<?> parameters : parameterLists) {
                bindAll(connection, statement, parameters);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<?> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bindAll(connection, statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bindAll(Connection connection, PreparedStatement statement, List<?> parameters)
            throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            bind(connection, statement, i + 1, parameters.get(i));
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof SqlArray array && sentInBinary(array)) {
            // the driver sends these as PostgreSQL's binary array format: no text to print and parse
            statement.setObject(index, array.values());
        } else if (value instanceof SqlArray array) {
            statement.setArray(index, connection.createArrayOf(array.elementType(), array.values()));
        } else if (value instanceof Instant instant) {
            // an offset date-time binds as timestamptz whatever the JVM's default zone
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }

    /**
     * Whether the driver can send the array in binary: numbers and byte strings typed as such (not a plain
     * {@code Object[]}) and without nulls. A bytea array in text form is twice its size in hex digits, and
     * printing and parsing numbers and hex cost both sides more than the statement itself on large batches.
     */
    private static boolean sentInBinary(SqlArray array) {
        Class<?> element = array.values().getClass().getComponentType();
        if (element != Long.class && element != Integer.class && element != Double.class && element != byte[].class) {
            return false;
        }
        for (Object item : array.values()) {
            if (item == null) {
                return false;
            }
        }
        return true;
    }

    private static IllegalStateException failure(String sql, SQLException e) {
        return new IllegalStateException("Statement failed: " + firstLine(sql), e);
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
