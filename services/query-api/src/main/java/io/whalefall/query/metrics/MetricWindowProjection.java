package io.whalefall.query.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies window states to the read model with two set-based statements per event: one upsert of the
 * series (advancing each one's newest window start) and one of the windows, where a window changes only
 * when the incoming revision is higher than the stored one, so a late copy of an older state changes
 * nothing. Rows are written in key order, so that concurrent events lock shared rows in the same order.
 */
@ApplicationScoped
public class MetricWindowProjection {

    private static final String UPSERT_SERIES = """
            INSERT INTO metric_series AS s (series_id, metric, name, labels, histogram_bounds, last_window_start)
            SELECT u.series_id, u.metric, u.name, u.labels::jsonb, u.bounds, u.last_window_start
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                AS u(series_id, metric, name, labels, bounds, last_window_start)
            ON CONFLICT (series_id) DO UPDATE SET last_window_start = excluded.last_window_start, updated_at = now()
            WHERE excluded.last_window_start > s.last_window_start
            """;

    private static final String UPSERT_WINDOWS = """
            INSERT INTO metric_window AS w (series_id, resolution, window_start, revision, count, sum, min, max, mean,
                state)
            SELECT * FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::float8[],
                ?::float8[], ?::float8[], ?::float8[], ?::bytea[])
            ON CONFLICT (series_id, resolution, window_start) DO UPDATE SET revision = excluded.revision,
                count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
                mean = excluded.mean, state = excluded.state
            WHERE excluded.revision > w.revision
            """;

    private static final Comparator<IncomingWindow> KEY_ORDER = Comparator.comparing(IncomingWindow::seriesId)
            .thenComparing(IncomingWindow::resolution).thenComparing(IncomingWindow::start);

    private final Jdbc jdbc;
    private final ObjectMapper mapper;

    public MetricWindowProjection(Jdbc jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Stores the windows; returns how many changed the read model (the others were not newer). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int apply(List<IncomingWindow> incoming) {
        List<IncomingWindow> windows = newestPerKey(incoming);
        if (windows.isEmpty()) {
            return 0;
        }
        upsertSeries(windows);
        return upsertWindows(windows);
    }

    /** One window per key, the highest revision (a statement may not update a row twice). */
    private static List<IncomingWindow> newestPerKey(List<IncomingWindow> incoming) {
        Map<WindowId, IncomingWindow> newest = new HashMap<>();
        for (IncomingWindow window : incoming) {
            newest.merge(new WindowId(window.seriesId(), window.resolution(), window.start()), window,
                    (a, b) -> b.revision() > a.revision() ? b : a);
        }
        return newest.values().stream().sorted(KEY_ORDER).toList();
    }

    private void upsertSeries(List<IncomingWindow> windows) {
        Map<SeriesKey, IncomingWindow> latest = new LinkedHashMap<>();
        for (IncomingWindow window : windows) {
            latest.merge(window.series(), window, (a, b) -> b.start().isAfter(a.start()) ? b : a);
        }
        List<IncomingWindow> rows = List.copyOf(latest.values()); // in series order: windows are sorted
        jdbc.update(UPSERT_SERIES, List.of(
                new SqlArray("uuid", rows.stream().map(IncomingWindow::seriesId).toArray(UUID[]::new)),
                SqlArray.texts(rows.stream().map(w -> w.series().metric()).toList()),
                SqlArray.texts(rows.stream().map(w -> w.series().canonical()).toList()),
                SqlArray.texts(rows.stream().map(w -> json(w.series())).toList()),
                SqlArray.texts(rows.stream().map(w -> w.state().bounds().toString()).toList()),
                timestamps(rows.stream().map(IncomingWindow::start).toList())));
    }

    private int upsertWindows(List<IncomingWindow> windows) {
        return jdbc.update(UPSERT_WINDOWS, List.of(
                new SqlArray("uuid", windows.stream().map(IncomingWindow::seriesId).toArray(UUID[]::new)),
                SqlArray.texts(windows.stream().map(w -> w.resolution().code()).toList()),
                timestamps(windows.stream().map(IncomingWindow::start).toList()),
                new SqlArray("bigint", windows.stream().map(IncomingWindow::revision).toArray(Long[]::new)),
                new SqlArray("bigint", windows.stream().map(w -> w.state().count()).toArray(Long[]::new)),
                new SqlArray("float8", windows.stream().map(w -> w.state().sum()).toArray(Double[]::new)),
                new SqlArray("float8", windows.stream().map(w -> w.state().min()).toArray(Double[]::new)),
                new SqlArray("float8", windows.stream().map(w -> w.state().max()).toArray(Double[]::new)),
                new SqlArray("float8", windows.stream().map(w -> w.state().mean()).toArray(Double[]::new)),
                new SqlArray("bytea", windows.stream().map(IncomingWindow::encoded).toArray(byte[][]::new))));
    }

    /** A window's key in the read model. */
    private record WindowId(UUID seriesId, Resolution resolution, Instant start) {
    }

    private String json(SeriesKey series) {
        try {
            return mapper.writeValueAsString(series.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the labels of " + series.canonical(), e);
        }
    }

    private static SqlArray timestamps(List<Instant> instants) {
        return new SqlArray("timestamptz",
                instants.stream().map(i -> i.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new));
    }
}
