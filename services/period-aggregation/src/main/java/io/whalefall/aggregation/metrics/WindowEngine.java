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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Folds ingested points into tumbling windows, incrementally, inside the caller's transaction. The points
 * of a batch are merged per series and minute into a delta; the deltas are merged into the stored minute
 * states, and the same deltas, merged per hour and per day, into the stored hour and day states. Merging
 * is associative and commutative, so an hour holds exactly the points of its minutes whatever order they
 * came in (count, min, max, histogram and sketch exactly; sum, mean and variance up to floating-point
 * rounding), and a batch costs a read and a write per level, however many minutes an hour already holds.
 * Each step is one statement for the whole batch.
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

    /**
     * Merges the batch's points into their minute windows and the same points into the hour and day windows
     * above them: each level reads the stored states of the windows the batch touches, adds the batch's
     * delta and writes them back. Returns what changed, finest first.
     */
    private List<ChangedWindow> rollUp(List<SeriesPoint> points, Map<UUID, SeriesKey> series,
            Function<UUID, HistogramBounds> bounds) {
        List<ChangedWindow> changed = new ArrayList<>();
        Map<WindowKey, WindowState> delta = minuteDeltas(points, bounds);
        for (Resolution resolution = Resolution.MINUTE; !delta.isEmpty(); ) {
            Map<WindowKey, WindowState> level = windows.read(resolution, delta.keySet(), bounds);
            delta.forEach((key, added) -> level.merge(key, added, (stored, fresh) -> {
                stored.merge(fresh);
                return stored;
            }));
            Map<WindowKey, Long> revisions = windows.write(resolution, level);
            for (Map.Entry<WindowKey, WindowState> window : level.entrySet()) {
                WindowKey key = window.getKey();
                changed.add(new ChangedWindow(series.get(key.seriesId()), resolution, key.start(), revisions.get(key),
                        window.getValue()));
            }
            Optional<Resolution> parent = resolution.parent();
            if (parent.isEmpty()) {
                break;
            }
            delta = coarsen(delta, parent.get(), bounds);
            resolution = parent.get();
        }
        return changed;
    }

    /** The batch's points merged per series and minute. */
    private static Map<WindowKey, WindowState> minuteDeltas(List<SeriesPoint> points,
            Function<UUID, HistogramBounds> bounds) {
        Map<WindowKey, WindowState> deltas = new HashMap<>();
        for (SeriesPoint point : points) {
            WindowKey key = new WindowKey(point.seriesId(), Resolution.MINUTE.windowStart(point.timestamp()));
            deltas.computeIfAbsent(key, k -> WindowState.empty(bounds.apply(k.seriesId()))).add(point.value());
        }
        return deltas;
    }

    /** The deltas of a level merged per window of the {@code parent} level. */
    private static Map<WindowKey, WindowState> coarsen(Map<WindowKey, WindowState> deltas, Resolution parent,
            Function<UUID, HistogramBounds> bounds) {
        Map<WindowKey, WindowState> coarser = new HashMap<>();
        deltas.forEach((key, delta) -> coarser.computeIfAbsent(
                new WindowKey(key.seriesId(), parent.windowStart(key.start())),
                k -> WindowState.empty(bounds.apply(k.seriesId()))).merge(delta));
        return coarser;
    }

    private static Map<UUID, Long> lateCounts(List<LatePoint> late) {
        Map<UUID, Long> counts = new HashMap<>();
        late.forEach(point -> counts.merge(point.point().seriesId(), 1L, Long::sum));
        return counts;
    }
}
