package io.whalefall.query.readmodel;

import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.DatabasePeriodAggregate;
import io.whalefall.contracts.aggregation.InstancePeriodAggregate;
import io.whalefall.contracts.aggregation.PeriodCompleted;
import io.whalefall.platform.messaging.BatchMessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies {@code PeriodCompleted} to the aggregate tables, a batch of events at once when they arrive
 * together. An event the tables could never hold (missing period, duplicate database, missing percentage) is
 * dead-lettered with the reason instead of being retried.
 */
@ApplicationScoped
public class PeriodCompletedHandler implements BatchMessageHandler<PeriodCompleted> {

    private final PeriodProjection projection;
    private final ProjectionMetrics metrics;

    public PeriodCompletedHandler(PeriodProjection projection, ProjectionMetrics metrics) {
        this.projection = projection;
        this.metrics = metrics;
    }

    @Override
    public MessageType type() {
        return MessageType.PERIOD_COMPLETED;
    }

    @Override
    public void handleAll(List<Envelope<PeriodCompleted>> messages) {
        List<PeriodCompleted> events = messages.stream().map(Envelope::payload).toList();
        events.forEach(PeriodCompletedHandler::check);
        Set<PeriodCompleted> applied = projection.apply(events);
        events.forEach(event -> metrics.record(type().typeName(), applied.contains(event)));
    }

    private static void check(PeriodCompleted event) {
        require(event.instanceId() > 0, "instance_id must be positive");
        require(event.periodType() != null, "period_type is missing");
        require(event.periodStart() != null && event.periodEnd() != null, "period_start or period_end is missing");
        require(!event.periodEnd().isBefore(event.periodStart()), "period_end is before period_start");
        require(event.revision() >= 1, "revision must be at least 1");
        require(event.calculatedAt() != null, "calculated_at is missing");
        check(event.instance());
        List<DatabasePeriodAggregate> databases = event.databases() == null ? List.of() : event.databases();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < databases.size(); i++) {
            DatabasePeriodAggregate row = databases.get(i);
            String at = "databases[" + i + "]";
            require(row != null, at + " is null");
            require(row.databaseName() != null && !row.databaseName().isBlank(), at + ".database_name is missing");
            require(names.add(row.databaseName()), at + ".database_name '" + row.databaseName() + "' appears twice");
            require(row.sizeChangePercent() != null && row.dataSizeChangePercent() != null
                    && row.logSizeChangePercent() != null && row.growthRate() != null, at + " lacks a percentage");
        }
    }

    private static void check(InstancePeriodAggregate row) {
        if (row != null) {
            require(row.avgDatabaseCount() != null && row.totalSizeChangePercent() != null
                    && row.databaseCountChangePercent() != null && row.growthRate() != null,
                    "instance lacks a percentage or avg_database_count");
        }
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new PoisonMessageException("PeriodCompleted cannot be applied: " + reason);
        }
    }
}
