package io.whalefall.aggregation.daily;

import io.whalefall.aggregation.instance.InstanceLocks;
import io.whalefall.contracts.Envelope;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.stats.DatabaseSampleColumns;
import io.whalefall.contracts.stats.InstanceSampleColumns;
import io.whalefall.contracts.stats.StatsIngested;
import io.whalefall.platform.messaging.MessageHandler;
import io.whalefall.platform.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
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
        DatabaseSampleColumns databases = message.payload().databases() == null
                ? DatabaseSampleColumns.of(List.of()) : message.payload().databases();
        InstanceSampleColumns instances = message.payload().instances() == null
                ? InstanceSampleColumns.of(List.of()) : message.payload().instances();
        databases.defect().or(instances::defect).ifPresent(defect -> {
            throw new PoisonMessageException(defect);
        });
        TreeSet<Long> instanceIds = new TreeSet<>(Arrays.asList(databases.instanceId()));
        instanceIds.addAll(Arrays.asList(instances.instanceId()));
        if (instanceIds.isEmpty()) {
            return;
        }
        locks.lockShared(instanceIds);
        dailyStates.add(databases, instances);
    }
}
