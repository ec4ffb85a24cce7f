package io.whalefall.aggregation.metrics;

import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.windows.WindowState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads and writes window states, one statement per step for a whole batch: the states of given windows,
 * and an upsert that bumps each window's revision.
 */
@ApplicationScoped
public class WindowStore {

    /**
     * One primary-key probe per window (the LIMIT keeps the planner from flattening the lateral join): given
     * the exact size of the key array, it otherwise chose a hash join over the whole partition, a day of
     * minutes, which cost 4-8 times the probes in the metric benchmark and grows with the partition.
     */
    private static final String READ = """
            SELECT k.series_id, k.window_start, w.state
            FROM unnest(?::uuid[], ?::timestamptz[]) AS k(series_id, window_start)
            CROSS JOIN LATERAL (SELECT w.state FROM %s w
                                WHERE w.series_id = k.series_id AND w.window_start = k.window_start LIMIT 1) w
            """;
    private static final String UPSERT = """
            INSERT INTO %s AS w (series_id, window_start, revision, count, sum, min, max, mean, state, updated_at)
            SELECT s.series_id, s.window_start, 1, s.count, s.sum, s.min, s.max, s.mean, s.state, now()
            FROM unnest(?::uuid[], ?::timestamptz[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                        ?::bytea[]) AS s(series_id, window_start, count, sum, min, max, mean, state)
            ON CONFLICT (series_id, window_start) DO UPDATE SET revision = w.revision + 1, count = excluded.count,
                sum = excluded.sum, min = excluded.min, max = excluded.max, mean = excluded.mean,
                state = excluded.state, updated_at = excluded.updated_at
            RETURNING series_id, window_start, revision
            """;

    private final Jdbc jdbc;

    public WindowStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored states of those of {@code windows} that exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<WindowKey, WindowState> read(Resolution resolution, Collection<WindowKey> windows,
            Function<UUID, HistogramBounds> bounds) {
        Map<WindowKey, WindowState> states = new HashMap<>();
        if (windows.isEmpty()) {
            return states;
        }
        jdbc.forEach(READ.formatted(table(resolution)), keys(windows), rs -> {
            UUID series = rs.getObject(1, UUID.class);
            states.put(new WindowKey(series, rs.getObject(2, OffsetDateTime.class).toInstant()),
                    WindowState.decode(rs.getBytes(3), bounds.apply(series)));
        });
        return states;
    }

    /** Writes the states (inserting new windows at revision 1); returns each window's new revision. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<WindowKey, Long> write(Resolution resolution, Map<WindowKey, WindowState> states) {
        int n = states.size();
        UUID[] series = new UUID[n];
        String[] starts = new String[n];
        Long[] counts = new Long[n];
        Double[] sums = new Double[n];
        Double[] mins = new Double[n];
        Double[] maxes = new Double[n];
        Double[] means = new Double[n];
        byte[][] encoded = new byte[n][];
        int i = 0;
        for (Map.Entry<WindowKey, WindowState> entry : states.entrySet()) {
            WindowState state = entry.getValue();
            series[i] = entry.getKey().seriesId();
            starts[i] = entry.getKey().start().toString();
            counts[i] = state.count();
            sums[i] = state.sum();
            mins[i] = state.min();
            maxes[i] = state.max();
            means[i] = state.mean();
            encoded[i++] = state.encode();
        }
        Map<WindowKey, Long> revisions = new HashMap<>();
        jdbc.forEach(UPSERT.formatted(table(resolution)), List.of(new SqlArray("uuid", series),
                new SqlArray("text", starts), new SqlArray("bigint", counts), new SqlArray("float8", sums),
                new SqlArray("float8", mins), new SqlArray("float8", maxes), new SqlArray("float8", means),
                new SqlArray("bytea", encoded)),
                rs -> revisions.put(new WindowKey(rs.getObject(1, UUID.class),
                        rs.getObject(2, OffsetDateTime.class).toInstant()), rs.getLong(3)));
        return revisions;
    }

    private static String table(Resolution resolution) {
        return WindowTables.of(resolution).name();
    }

    /** The window keys as the statement's parameters: series ids and window starts. */
    private static List<Object> keys(Collection<WindowKey> windows) {
        return List.of(new SqlArray("uuid", windows.stream().map(WindowKey::seriesId).toArray()),
                new SqlArray("text", windows.stream().map(key -> key.start().toString()).toArray()));
    }
}
