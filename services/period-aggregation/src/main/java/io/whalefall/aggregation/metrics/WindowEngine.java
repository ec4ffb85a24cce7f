package io.whalefall.aggregation.metrics;

import io.whalefall.platform.partitions.PartitionPolicy;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKey;
import io.whalefall.windows.WindowState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Folds ingested points into tumbling windows, incrementally, inside the caller's transaction. The points
 * of a batch are merged, per series and minute, into the stored minute states; every hour above a changed
 * minute is then recomputed by merging all of its minute states, and every day above a changed hour from
 * all of its hour states. Levels are thus built from the level below, never from raw points, and an hour
 * always equals the merge of its minutes whatever order the points came in. Each step is one statement
 * for the whole batch.
 *
 * <p>Every state keeps count, sum, min, max, mean, variance, a histogram and a DDSketch, so any quantile
 * of any window is known within 1% of the true value ({@code WindowState.RELATIVE_ACCURACY}).
 *
 * <p>Batches touching the same series are serialised by per-series locks; a redelivered message never
 * gets here twice (the inbox's processed-message log), and a re-sent point is never announced twice (the
 * ingestion stores each point once), so nothing is double-counted.
 */
@ApplicationScoped
public class WindowEngine {

    private final SeriesLocks locks;
    private final SeriesRegistry registry;
    private final WindowStore windows;
    private final LatePointStore latePoints;
    private final WindowMeters meters;
    private final PointTriage triage;
    private final Clock clock;

    public WindowEngine(SeriesLocks locks, SeriesRegistry registry, WindowStore windows, LatePointStore latePoints,
            WindowMeters meters, MetricsConfig config, Clock clock) {
        this.locks = locks;
        this.registry = registry;
        this.windows = windows;
        this.latePoints = latePoints;
        this.meters = meters;
        this.clock = clock;
        this.triage = new PointTriage(config.allowedLateness(), config.maxClockSkew(),
                new PartitionPolicy(WindowTables.of(Resolution.MINUTE), config.retention().minute(),
                        config.partitions().ahead()));
    }

    /** Folds the points of one part of batch {@code batchId} into the windows; returns the changed windows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChangedWindow> apply(UUID batchId, List<SeriesPoint> points) {
        if (points.isEmpty()) {
            return List.of();
        }
        Map<UUID, SeriesKey> series = new TreeMap<>();
        points.forEach(point -> series.putIfAbsent(point.seriesId(), point.series()));
        locks.lock(series.keySet());
        Map<UUID, SeriesState> states = registry.register(series.values());
        PointTriage.Outcome outcome = triage.triage(batchId, points, states, clock.instant());
        latePoints.store(outcome.late());
        registry.update(outcome.advanced(), lateCounts(outcome.late()));
        List<ChangedWindow> changed = rollUp(outcome.accepted(), series, id -> states.get(id).bounds());
        meters.countOnCommit(outcome.accepted().size(), outcome.late(), changed);
        return changed;
    }

    /** Writes the minutes, then every level above from the one below; returns what changed, finest first. */
    private List<ChangedWindow> rollUp(List<SeriesPoint> points, Map<UUID, SeriesKey> series,
            Function<UUID, HistogramBounds> bounds) {
        List<ChangedWindow> changed = new ArrayList<>();
        Resolution resolution = Resolution.MINUTE;
        Map<WindowKey, WindowState> level = foldIntoMinutes(points, bounds);
        while (!level.isEmpty()) {
            Map<WindowKey, Long> revisions = windows.write(resolution, level);
            for (Map.Entry<WindowKey, WindowState> window : level.entrySet()) {
                WindowKey key = window.getKey();
                changed.add(new ChangedWindow(series.get(key.seriesId()), resolution, key.start(), revisions.get(key),
                        window.getValue()));
            }
            if (resolution.parent().isEmpty()) {
                break;
            }
            Resolution parent = resolution.parent().get();
            Set<WindowKey> parents = new LinkedHashSet<>();
            level.keySet().forEach(key -> parents.add(new WindowKey(key.seriesId(), parent.windowStart(key.start()))));
            level = windows.mergeChildren(resolution, parent, parents, bounds);
            resolution = parent;
        }
        return changed;
    }

    /** The stored minute states merged with the batch's points, per series and minute. */
    private Map<WindowKey, WindowState> foldIntoMinutes(List<SeriesPoint> points, Function<UUID, HistogramBounds> bounds) {
        Map<WindowKey, WindowState> deltas = new HashMap<>();
        for (SeriesPoint point : points) {
            WindowKey key = new WindowKey(point.seriesId(), Resolution.MINUTE.windowStart(point.timestamp()));
            deltas.computeIfAbsent(key, k -> WindowState.empty(bounds.apply(k.seriesId()))).add(point.value());
        }
        Map<WindowKey, WindowState> stored = windows.read(Resolution.MINUTE, deltas.keySet(), bounds);
        deltas.forEach((key, delta) -> stored.merge(key, delta, (existing, added) -> {
            existing.merge(added);
            return existing;
        }));
        return stored;
    }

    private static Map<UUID, Long> lateCounts(List<LatePoint> late) {
        Map<UUID, Long> counts = new HashMap<>();
        late.forEach(point -> counts.merge(point.point().seriesId(), 1L, Long::sum));
        return counts;
    }
}
