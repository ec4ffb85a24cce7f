package io.whalefall.contracts;

import io.whalefall.contracts.aggregation.AggregationCancelRequested;
import io.whalefall.contracts.aggregation.AggregationFinished;
import io.whalefall.contracts.aggregation.AggregationRejected;
import io.whalefall.contracts.aggregation.AggregationRequested;
import io.whalefall.contracts.aggregation.AggregationStarted;
import io.whalefall.contracts.aggregation.AggregationWorkItem;
import io.whalefall.contracts.aggregation.InstanceAggregationCompleted;
import io.whalefall.contracts.aggregation.InstanceAggregationFailed;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.contracts.instance.InstanceUpserted;
import io.whalefall.contracts.metrics.MetricPointsCollected;
import io.whalefall.contracts.metrics.MetricPointsIngested;
import io.whalefall.contracts.metrics.MetricWindowsUpdated;
import io.whalefall.contracts.session.SessionUpdated;
import io.whalefall.contracts.stats.StatsCollected;
import io.whalefall.contracts.stats.StatsIngested;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every message type on the bus: its envelope {@code type}, where it is published, its routing key and
 * its payload record. The AsyncAPI document ({@code asyncapi.yaml}) describes the same table.
 */
public enum MessageType {
    STATS_COLLECTED("StatsCollected", Destination.COMMANDS, "stats.collected", StatsCollected.class),
    AGGREGATION_REQUESTED("AggregationRequested", Destination.COMMANDS, "aggregation.requested", AggregationRequested.class),
    AGGREGATION_WORK_ITEM("AggregationWorkItem", Destination.COMMANDS, "aggregation.work", AggregationWorkItem.class),
    AGGREGATION_CANCEL_REQUESTED("AggregationCancelRequested", Destination.COMMANDS, "aggregation.cancel-requested",
            AggregationCancelRequested.class),
    METRIC_POINTS_COLLECTED("MetricPointsCollected", Destination.COMMANDS, "metrics.collected",
            MetricPointsCollected.class),

    INSTANCE_UPSERTED("InstanceUpserted", Destination.EVENTS, "instance.upserted", InstanceUpserted.class),
    STATS_INGESTED("StatsIngested", Destination.EVENTS, "stats.ingested", StatsIngested.class),
    AGGREGATION_STARTED("AggregationStarted", Destination.EVENTS, "aggregation.started", AggregationStarted.class),
    AGGREGATION_REJECTED("AggregationRejected", Destination.EVENTS, "aggregation.rejected", AggregationRejected.class),
    PERIOD_COMPLETED("PeriodCompleted", Destination.EVENTS, "aggregation.period-completed", PeriodCompleted.class),
    INSTANCE_AGGREGATION_COMPLETED("InstanceAggregationCompleted", Destination.EVENTS, "aggregation.instance-completed",
            InstanceAggregationCompleted.class),
    INSTANCE_AGGREGATION_FAILED("InstanceAggregationFailed", Destination.EVENTS, "aggregation.instance-failed",
            InstanceAggregationFailed.class),
    AGGREGATION_FINISHED("AggregationFinished", Destination.EVENTS, "aggregation.finished", AggregationFinished.class),
    SESSION_UPDATED("SessionUpdated", Destination.EVENTS, "session.updated", SessionUpdated.class),
    METRIC_POINTS_INGESTED("MetricPointsIngested", Destination.EVENTS, "metrics.ingested", MetricPointsIngested.class),
    METRIC_WINDOWS_UPDATED("MetricWindowsUpdated", Destination.EVENTS, "metrics.windows-updated",
            MetricWindowsUpdated.class);

    /** Payload schema version written by this build; consumers accept this version and older ones. */
    public static final int CURRENT_VERSION = 3;

    private final String typeName;
    private final Destination destination;
    private final String routingKey;
    private final Class<?> payloadType;

    MessageType(String typeName, Destination destination, String routingKey, Class<?> payloadType) {
        this.typeName = typeName;
        this.destination = destination;
        this.routingKey = routingKey;
        this.payloadType = payloadType;
    }

    /** The value of the envelope's {@code type} field and of the AMQP {@code type} property. */
    public String typeName() {
        return typeName;
    }

    /** The exchange this type is published to. */
    public Destination destination() {
        return destination;
    }

    /** The routing key this type is published with. */
    public String routingKey() {
        return routingKey;
    }

    /** The record the payload maps to. */
    public Class<?> payloadType() {
        return payloadType;
    }

    /** Looks a type up by its envelope name. */
    public static Optional<MessageType> byTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
