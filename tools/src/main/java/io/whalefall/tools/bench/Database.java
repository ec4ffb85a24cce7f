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
import java.util.List;

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
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
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
