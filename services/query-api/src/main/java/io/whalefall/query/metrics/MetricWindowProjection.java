package io.whalefall.query.metrics;

import io.whalefall.contracts.metrics.MetricPartitions;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * Merges the minute deltas of one or more events into the read model: each delta into its minute window
 * and, merged per hour and per day, into the hour and day windows above it. Four set-based statements
 * whatever the number of events: the series' locks, a read of the stored states of every window the deltas
 * touch, one upsert of the merged states (each change bumps a window's revision) and one of the series.
 * Transactions touching the same series are serialised by transaction-scoped advisory locks, so two
 * replicas never merge into the same stored state at once; locks are taken and rows written in key order,
 * so concurrent transactions never wait for each other in a cycle.
 */
@ApplicationScoped
public class MetricWindowProjection {

    /** First key of these advisory locks, apart from any other lock of query-api ("QM"). */
    private static final int LOCK_NAMESPACE = 0x514D;
    /**
     * Series ids are locked by slot (by hash): an event of 10,000 series must not take 10,000 entries of
     * PostgreSQL's shared lock table; two series sharing a slot merely queue. The slot count is a multiple
     * of the partition count, and an event holds the series of one partition (period-aggregation answers each
     * partition's batches apart), as does a group of events ({@link MetricWindowsConsumer} groups them per
     * partition), so groups of different partitions, applied side by side, never share a slot.
     */
    private static final int LOCK_SLOTS = 64 * MetricPartitions.COUNT;

    private static final String LOCK = """
            SELECT pg_advisory_xact_lock(?, k) FROM (SELECT DISTINCT unnest(?::int[]) AS k) AS keys ORDER BY k
            """;

    /**
     * One primary-key probe per window (the LIMIT keeps the planner from flattening the lateral join): given
     * the exact size of the key array, it otherwise chose a hash join over whole partitions, which grows
     * with them.
     */
    private static final String READ = """
            SELECT k.series_id, k.resolution, k.window_start, w.state
            FROM (SELECT series_id, resolution, timestamptz 'epoch' + start_us * interval '1 microsecond' AS window_start
                  FROM unnest(?::uuid[], ?::text[], ?::bigint[]) AS u(series_id, resolution, start_us)) AS k
            CROSS JOIN LATERAL (SELECT w.state FROM metric_window w
                                WHERE w.series_id = k.series_id AND w.resolution = k.resolution
                                  AND w.window_start = k.window_start LIMIT 1) w
            """;

    private static final String UPSERT_SERIES = """
            INSERT INTO metric_series AS s (series_id, metric, name, labels, histogram_bounds, last_window_start)
            SELECT u.series_id, u.metric, u.name, u.labels::jsonb, u.bounds,
                timestamptz 'epoch' + u.last_start_us * interval '1 microsecond'
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                AS u(series_id, metric, name, labels, bounds, last_start_us)
            ON CONFLICT (series_id) DO UPDATE SET last_window_start = excluded.last_window_start, updated_at = now()
            WHERE excluded.last_window_start > s.last_window_start
            """;

    private static final String UPSERT_WINDOWS = """
            INSERT INTO metric_window AS w (series_id, resolution, window_start, revision, count, sum, min, max, mean,
                state)
            SELECT series_id, resolution, timestamptz 'epoch' + start_us * interval '1 microsecond', 1, count, sum, min,
                max, mean, state
            FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[],
                ?::float8[], ?::bytea[]) AS u(series_id, resolution, start_us, count, sum, min, max, mean, state)
            ON CONFLICT (series_id, resolution, window_start) DO UPDATE SET revision = w.revision + 1,
                count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
                mean = excluded.mean, state = excluded.state
            """;

    private static final Comparator<WindowId> KEY_ORDER = Comparator.comparing(WindowId::seriesId)
            .thenComparing(WindowId::resolution).thenComparing(WindowId::start);

    private final Jdbc jdbc;

    public MetricWindowProjection(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Merges the deltas into the windows of every resolution, except windows {@code expired} says are due
     * for dropping. The deltas may come from several events: each window is read and written once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<IncomingDelta> deltas, BiPredicate<Resolution, Instant> expired) {
        Map<WindowId, List<IncomingDelta>> added = perWindow(deltas, expired);
        if (added.isEmpty()) {
            return;
        }
        Map<UUID, SeriesKey> series = new TreeMap<>();
        deltas.forEach(delta -> series.putIfAbsent(delta.series().id(), delta.series()));
        lock(series.keySet());
        Map<WindowId, byte[]> stored = read(added.keySet());
        upsertSeries(series, deltas);
        List<WindowId> ids = added.keySet().stream().sorted(KEY_ORDER).toList();
        upsertWindows(ids, ids.stream().map(id -> merged(stored.get(id), added.get(id))).toList());
    }

    /** The deltas of each window of each resolution, without the expired windows. */
    private static Map<WindowId, List<IncomingDelta>> perWindow(List<IncomingDelta> deltas,
            BiPredicate<Resolution, Instant> expired) {
        Map<WindowId, List<IncomingDelta>> added = new HashMap<>();
        for (IncomingDelta delta : deltas) {
            for (Resolution resolution : Resolution.values()) {
                Instant start = resolution.windowStart(delta.minute());
                if (!expired.test(resolution, start)) {
                    added.computeIfAbsent(new WindowId(delta.series().id(), resolution, start),
                            id -> new ArrayList<>(1)).add(delta);
                }
            }
        }
        return added;
    }

    /**
     * The stored state (null for a new window) with the deltas merged in. A new window of one delta, as most
     * minute windows are, takes the delta as it came; otherwise the states are decoded one by one and merged,
     * so no more than two are decoded at a time.
     */
    private static EncodedState merged(byte[] stored, List<IncomingDelta> deltas) {
        if (stored == null && deltas.size() == 1) {
            return deltas.get(0).state();
        }
        HistogramBounds bounds = deltas.get(0).bounds();
        WindowState merged = stored == null ? WindowState.empty(bounds) : WindowState.decode(stored, bounds);
        deltas.forEach(delta -> merged.merge(delta.decoded()));
        return EncodedState.of(merged);
    }

    private void lock(Collection<UUID> seriesIds) {
        Integer[] slots = seriesIds.stream().map(id -> Math.floorMod(id.hashCode(), LOCK_SLOTS)).distinct()
                .toArray(Integer[]::new);
        jdbc.execute(LOCK, List.of(LOCK_NAMESPACE, new SqlArray("int4", slots)));
    }

    private Map<WindowId, byte[]> read(Collection<WindowId> windows) {
        Map<WindowId, byte[]> states = new HashMap<>();
        jdbc.forEach(READ, List.of(new SqlArray("uuid", windows.stream().map(WindowId::seriesId).toArray(UUID[]::new)),
                SqlArray.texts(windows.stream().map(w -> w.resolution().code()).toList()),
                SqlArray.epochMicros(windows.stream().map(WindowId::start).toList())), rs -> states.put(
                        new WindowId(rs.getObject(1, UUID.class), Resolution.ofCode(rs.getString(2)),
                                rs.getObject(3, OffsetDateTime.class).toInstant()), rs.getBytes(4)));
        return states;
    }

    /** Creates the series not seen before and advances each one's newest window start. */
    private void upsertSeries(Map<UUID, SeriesKey> series, List<IncomingDelta> deltas) {
        Map<UUID, Instant> newest = new HashMap<>();
        Map<UUID, HistogramBounds> bounds = new HashMap<>();
        for (IncomingDelta delta : deltas) {
            newest.merge(delta.series().id(), delta.minute(), (a, b) -> a.isAfter(b) ? a : b);
            bounds.putIfAbsent(delta.series().id(), delta.bounds());
        }
        List<SeriesKey> rows = List.copyOf(series.values()); // in id order
        jdbc.update(UPSERT_SERIES, List.of(
                new SqlArray("uuid", rows.stream().map(SeriesKey::id).toArray(UUID[]::new)),
                SqlArray.texts(rows.stream().map(SeriesKey::metric).toList()),
                SqlArray.texts(rows.stream().map(SeriesKey::canonical).toList()),
                SqlArray.texts(rows.stream().map(SeriesKey::labelsJson).toList()),
                SqlArray.texts(rows.stream().map(key -> bounds.get(key.id()).toString()).toList()),
                SqlArray.epochMicros(rows.stream().map(key -> newest.get(key.id())).toList())));
    }

    private void upsertWindows(List<WindowId> ids, List<EncodedState> states) {
        jdbc.update(UPSERT_WINDOWS, List.of(
                new SqlArray("uuid", ids.stream().map(WindowId::seriesId).toArray(UUID[]::new)),
                SqlArray.texts(ids.stream().map(id -> id.resolution().code()).toList()),
                SqlArray.epochMicros(ids.stream().map(WindowId::start).toList()),
                new SqlArray("bigint", states.stream().map(EncodedState::count).toArray(Long[]::new)),
                new SqlArray("float8", states.stream().map(EncodedState::sum).toArray(Double[]::new)),
                new SqlArray("float8", states.stream().map(EncodedState::min).toArray(Double[]::new)),
                new SqlArray("float8", states.stream().map(EncodedState::max).toArray(Double[]::new)),
                new SqlArray("float8", states.stream().map(EncodedState::mean).toArray(Double[]::new)),
                new SqlArray("bytea", states.stream().map(EncodedState::bytes).toArray(byte[][]::new))));
    }

    /** A window's key in the read model. */
    private record WindowId(UUID seriesId, Resolution resolution, Instant start) {
    }
}
