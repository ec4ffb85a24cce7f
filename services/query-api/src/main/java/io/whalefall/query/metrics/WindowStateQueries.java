package io.whalefall.query.metrics;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.windows.Resolution;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Reads stored window states: one statement per query, for all its series, over one resolution and time
 * range (one list partition, the range partitions of the range, primary-key range scans in each).
 */
@ApplicationScoped
public class WindowStateQueries {

    private static final String STATES = """
            SELECT series_id, window_start, state FROM metric_window
            WHERE resolution = ? AND series_id = ANY(?) AND window_start >= ? AND window_start < ?
            """;

    private final Jdbc jdbc;

    public WindowStateQueries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A stored state, still encoded.
     *
     * @param seriesId its series
     * @param start    its window start
     * @param state    the metric-windows binary form
     */
    public record StoredState(UUID seriesId, Instant start, byte[] state) {
    }

    /** The states of {@code series} at {@code resolution} starting in {@code from..to} (exclusive). */
    public List<StoredState> read(Collection<UUID> series, Resolution resolution, Instant from, Instant to) {
        return jdbc.list(STATES, List.of(resolution.code(), new SqlArray("uuid", series.toArray(UUID[]::new)), from, to),
                rs -> new StoredState(rs.getObject("series_id", UUID.class), Rows.instant(rs, "window_start"),
                        rs.getBytes("state")));
    }
}
