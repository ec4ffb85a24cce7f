package io.whalefall.aggregation.daily;

import io.whalefall.aggregation.instance.InstanceLocks;
import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.stats.DatabaseSizeSample;
import io.whalefall.contracts.stats.InstanceSizeSample;
import io.whalefall.contracts.stats.StatsIngested;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.TreeSet;

/** Folds newly ingested samples into the daily states. */
@ApplicationScoped
public class StatsIngestedHandler implements MessageHandler<StatsIngested> {

    private final DailyStates dailyStates;
    private final InstanceLocks locks;

    public StatsIngestedHandler(DailyStates dailyStates, InstanceLocks locks) {
        this.dailyStates = dailyStates;
        this.locks = locks;
    }

    @Override
    public MessageType type() {
        return MessageType.STATS_INGESTED;
    }

    @Override
    public void handle(Envelope<StatsIngested> message) {
        List<DatabaseSizeSample> databases = message.payload().databases() == null ? List.of()
                : message.payload().databases();
        List<InstanceSizeSample> instances = message.payload().instances() == null ? List.of()
                : message.payload().instances();
        if (databases.stream().anyMatch(s -> s == null || s.instanceId() == null || s.databaseName() == null
                || s.sizeMb() == null || s.collectedAt() == null)
                || instances.stream().anyMatch(s -> s == null || s.instanceId() == null || s.totalSizeMb() == null
                || s.databaseCount() == null || s.collectedAt() == null)) {
            throw new PoisonMessageException("a sample lacks instance_id, database_name, a size or collected_at");
        }
        TreeSet<Long> instanceIds = new TreeSet<>();
        databases.forEach(s -> instanceIds.add(s.instanceId()));
        instances.forEach(s -> instanceIds.add(s.instanceId()));
        if (instanceIds.isEmpty()) {
            return;
        }
        locks.lockShared(instanceIds);
        dailyStates.add(databases, instances);
    }
}
