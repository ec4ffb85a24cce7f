package io.whalefall.tools.bench;

import io.whalefall.testing.TestInfrastructure;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Superuser access to the run's database: the baselines and the progress checks read through it. */
final class Database {

    private final TestInfrastructure infrastructure;

    Database(TestInfrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    Connection connect() throws SQLException {
        return infrastructure.adminConnection();
    }

    long scalar(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = prepare(connection, sql, parameters)) {
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The first row of a query, column label to value; empty when there is none. */
    Map<String, Object> row(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = prepare(connection, sql, parameters)) {
            try (ResultSet rs = select.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                }
                return row;
            }
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs {@code sql} and returns its wall time in seconds. */
    double timed(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            long t0 = System.nanoTime();
            statement.execute(sql);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** COPYs the CSV chunks in one statement; returns the rows copied and the wall time in seconds. */
    double copy(String sql, List<byte[]> chunks) throws Exception {
        try (Connection connection = connect()) {
            InputStream in = new SequenceInputStream(Collections.enumeration(
                    chunks.stream().map(c -> (InputStream) new ByteArrayInputStream(c)).toList()));
            long t0 = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
