package io.whalefall.aggregation.schedule;

import io.quarkus.scheduler.Scheduled;
import io.whalefall.aggregation.AggregationConfig;
import io.whalefall.aggregation.run.RunPlanner;
import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.AggregationRequested;
import io.whalefall.contracts.aggregation.AggregationScope;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.platform.messaging.Outbox;
import io.whalefall.platform.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The daily run (04:00 in the zone by default): yesterday's daily rows, the previous complete week, month
 * and quarter where an instance does not have them yet, and the current periods to date. The request id
 * is the same for every replica on a given day, so replicas firing together produce one run.
 */
@ApplicationScoped
public class DailySchedule {

    private static final Logger LOG = Logger.getLogger(DailySchedule.class);

    private final AggregationConfig config;
    private final RunPlanner planner;
    private final Outbox outbox;

    public DailySchedule(AggregationConfig config, RunPlanner planner, Outbox outbox) {
        this.config = config;
        this.planner = planner;
        this.outbox = outbox;
    }

    @Scheduled(identity = "daily-aggregation", cron = "${whalefall.aggregation.schedule.cron:0 0 4 * * ?}",
            timeZone = "${whalefall.aggregation.zone:Asia/Shanghai}")
    @Transactional
    void fire() {
        if (!config.enabled() || !config.schedule().enabled()) {
            LOG.info("Daily aggregation is switched off; nothing requested");
            return;
        }
        String requestId = requestIdFor(planner.today());
        outbox.add(OutgoingMessage.of(MessageType.AGGREGATION_REQUESTED, new AggregationRequested(requestId,
                Trigger.SCHEDULED, "scheduler", new AggregationScope(List.of()), List.of(PeriodType.values()),
                AggregationMode.SCHEDULED, null, null, false), requestId));
        LOG.infof("Daily aggregation requested as %s", requestId);
    }

    /** The deterministic request id of a day's scheduled run. */
    public static String requestIdFor(java.time.LocalDate day) {
        return "scheduled:" + day;
    }
}
