package io.whalefall.aggregation.metrics;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The series the engine knows: registered on first sight with their histogram bounds, then read per
 * batch for their watermark, and updated with the new watermarks and late-point counts.
 */
@ApplicationScoped
public class SeriesRegistry {

    private static final String REGISTER = """
            INSERT INTO metric_series (series_id, metric, labels, histogram_bounds)
            SELECT * FROM unnest(?::uuid[], ?::text[], ?::jsonb[], ?::text[])
            ON CONFLICT (series_id) DO NOTHING
            """;
    private static final String READ = """
            SELECT series_id, histogram_bounds, watermark, watermark_base, watermark_batch
            FROM metric_series WHERE series_id = ANY(?::uuid[])
            """;
    private static final String ADVANCE = """
            UPDATE metric_series s
            SET watermark = coalesce(timestamptz 'epoch' + u.watermark_us * interval '1 microsecond', s.watermark),
                watermark_base = CASE WHEN u.watermark_us IS NULL THEN s.watermark_base
                                      ELSE timestamptz 'epoch' + u.base_us * interval '1 microsecond' END,
                watermark_batch = coalesce(u.watermark_batch, s.watermark_batch),
                late_points = s.late_points + u.late, updated_at = now()
            FROM unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::uuid[], ?::bigint[])
                AS u(series_id, watermark_us, base_us, watermark_batch, late)
            WHERE s.series_id = u.series_id
            """;

    private final Jdbc jdbc;
    private final HistogramBoundsCatalog bounds;

    public SeriesRegistry(Jdbc jdbc, HistogramBoundsCatalog bounds) {
        this.jdbc = jdbc;
        this.bounds = bounds;
    }

    /**
     * Registers the series not seen before and returns the state of all of them. Lock them first. Known
     * series are only read: in steady state every series of a batch is known.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, SeriesState> register(Collection<SeriesKey> series) {
        Map<UUID, SeriesState> states = read(series);
        List<SeriesKey> unknown = series.stream().filter(key -> !states.containsKey(key.id())).toList();
        if (!unknown.isEmpty()) {
            insert(unknown);
            states.putAll(read(unknown));
        }
        return states;
    }

    private void insert(List<SeriesKey> series) {
        int n = series.size();
        UUID[] ids = new UUID[n];
        String[] metrics = new String[n];
        String[] labels = new String[n];
        String[] histogramBounds = new String[n];
        int i = 0;
        for (SeriesKey key : series) {
            ids[i] = key.id();
            metrics[i] = key.metric();
            labels[i] = key.labelsJson();
            histogramBounds[i++] = bounds.boundsFor(key.metric()).toString();
        }
        jdbc.update(REGISTER, List.of(new SqlArray("uuid", ids), new SqlArray("text", metrics),
                new SqlArray("text", labels), new SqlArray("text", histogramBounds)));
    }

    private Map<UUID, SeriesState> read(Collection<SeriesKey> series) {
        Map<UUID, SeriesState> states = new HashMap<>();
        jdbc.forEach(READ, List.of(new SqlArray("uuid", series.stream().map(SeriesKey::id).toArray(UUID[]::new))),
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    states.put(id, new SeriesState(id, HistogramBounds.parse(rs.getString(2)), Rows.instant(rs, 3),
                            Rows.instant(rs, 4), rs.getObject(5, UUID.class)));
                });
        return states;
    }

    /** Stores the advanced watermarks and adds the late points per series. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Map<UUID, SeriesState> advanced, Map<UUID, Long> latePoints) {
        Set<UUID> touched = new HashSet<>(advanced.keySet());
        touched.addAll(latePoints.keySet());
        if (touched.isEmpty()) {
            return;
        }
        int n = touched.size();
        UUID[] ids = new UUID[n];
        // as microseconds since the epoch (points are stored to the microsecond): printing them as timestamp
        // text cost this service 6 % of its samples in the metric benchmark
        List<Instant> watermarks = new ArrayList<>(n);
        List<Instant> bases = new ArrayList<>(n);
        UUID[] batches = new UUID[n];
        Long[] late = new Long[n];
        int i = 0;
        for (UUID id : touched) {
            SeriesState state = advanced.get(id);
            ids[i] = id;
            watermarks.add(state == null ? null : state.watermark());
            bases.add(state == null ? null : state.watermarkBase());
            batches[i] = state == null ? null : state.watermarkBatch();
            late[i++] = latePoints.getOrDefault(id, 0L);
        }
        jdbc.update(ADVANCE, List.of(new SqlArray("uuid", ids), SqlArray.epochMicros(watermarks),
                SqlArray.epochMicros(bases), new SqlArray("uuid", batches), new SqlArray("bigint", late)));
    }
}
