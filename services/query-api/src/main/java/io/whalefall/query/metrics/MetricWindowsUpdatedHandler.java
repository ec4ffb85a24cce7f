package io.whalefall.query.metrics;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.platform.messaging.BatchMessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import io.whalefall.query.readmodel.ProjectionMetrics;
import io.whalefall.windows.Resolution;
import io.whalefall.windows.SeriesKeyCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Merges the deltas of {@code MetricWindowsUpdated} into the metric window read model. The events of a group
 * ({@link MetricWindowsConsumer}) are merged together: a series' hour and day windows are read and written
 * once for all of them, not once per event. Windows whose partition is already due for dropping
 * under the retention are skipped (they would be gone at the next upkeep anyway). An event of version 1
 * (full window states, from a period-aggregation older than this service) cannot be merged and is
 * dead-lettered with that reason.
 */
@ApplicationScoped
public class MetricWindowsUpdatedHandler implements BatchMessageHandler<MetricWindowsUpdated> {

    /** The first version of the event that carries deltas instead of full window states. */
    private static final int DELTA_VERSION = 2;
    /** PostgreSQL's check_violation: also what an insert into a range without a partition fails with. */
    private static final String NO_PARTITION = "23514";

    private final MetricWindowProjection projection;
    private final WindowPartitions partitions;
    private final ProjectionMetrics metrics;
    private final MetricWindowsConfig config;
    private final Clock clock;
    private final SeriesKeyCache seriesKeys;

    public MetricWindowsUpdatedHandler(MetricWindowProjection projection, WindowPartitions partitions,
            ProjectionMetrics metrics, MetricWindowsConfig config, Clock clock) {
        this.projection = projection;
        this.partitions = partitions;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.seriesKeys = new SeriesKeyCache(config.seriesCacheSize());
    }

    @Override
    public MessageType type() {
        return MessageType.METRIC_WINDOWS_UPDATED;
    }

    @Override
    public void handleAll(List<Envelope<MetricWindowsUpdated>> messages) {
        Instant now = clock.instant();
        // asked three times per delta, of a few distinct windows: each is worked out once (it takes zone rules)
        Map<Resolution, Map<Instant, Boolean>> known = new EnumMap<>(Resolution.class);
        BiPredicate<Resolution, Instant> expired = (resolution, start) -> known
                .computeIfAbsent(resolution, r -> new HashMap<>())
                .computeIfAbsent(start, s -> partitions.isExpired(resolution, s, now));
        List<IncomingDelta> deltas = new ArrayList<>();
        List<Boolean> fresh = new ArrayList<>(messages.size());
        for (Envelope<MetricWindowsUpdated> message : messages) {
            if (message.version() < DELTA_VERSION) {
                throw new PoisonMessageException("MetricWindowsUpdated version " + message.version() + " carries full "
                        + "window states, which this service no longer merges (version " + DELTA_VERSION
                        + " carries deltas)");
            }
            List<IncomingDelta> read = IncomingWindows.read(message.payload(), now, config.maxWindowAhead(),
                    seriesKeys);
            // the day is kept longest: an event changes something unless even its days are due for dropping
            fresh.add(read.stream()
                    .anyMatch(d -> !expired.test(Resolution.DAY, Resolution.DAY.windowStart(d.minute()))));
            deltas.addAll(read);
        }
        for (Resolution resolution : Resolution.values()) {
            partitions.ensure(resolution, deltas.stream().map(d -> resolution.windowStart(d.minute()))
                    .filter(start -> !expired.test(resolution, start)).collect(Collectors.toSet()));
        }
        try {
            projection.apply(deltas, expired);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql && NO_PARTITION.equals(sql.getSQLState())) {
                // another replica dropped a partition this one still believed in: look again on the retry
                partitions.forgetKnownPartitions();
            }
            throw e;
        }
        fresh.forEach(applied -> metrics.record(type().typeName(), applied));
    }
}
