package io.whalefall.aggregation.schedule;

import io.quarkus.scheduler.Scheduled;
import io.whalefall.aggregation.AggregationConfig;
import io.whalefall.aggregation.instance.InstanceDirectory;
import io.whalefall.aggregation.run.RunSpec;
import io.whalefall.aggregation.run.RunStarter;
import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.aggregation.Trigger;
import io.whalefall.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Recomputes periods that late samples made stale, debounced: a period is taken once it has been stale
 * for the configured quiet time, and all periods due at one check make a single run (republished with a
 * higher revision). Periods are claimed in the same transaction that starts the run, with
 * {@code SKIP LOCKED}, so replicas never take the same period; a claim whose run got lost (its work item
 * failed, say) is taken again after an hour.
 */
@ApplicationScoped
public class StaleRecomputation {

    private static final String CLAIM = """
            WITH due AS (
                SELECT instance_id, period_type, period_start FROM period_state
                WHERE stale AND stale_since < ?
                  AND (stale_run_id IS NULL OR stale_claimed_at < now() - interval '1 hour')
                ORDER BY instance_id, period_type, period_start
                LIMIT 10000
                FOR UPDATE SKIP LOCKED
            )
            UPDATE period_state s SET stale_run_id = ?, stale_claimed_at = now()
            FROM due WHERE s.instance_id = due.instance_id AND s.period_type = due.period_type
                       AND s.period_start = due.period_start
            RETURNING s.instance_id, s.period_type, s.period_start, s.period_end
            """;

    private final Jdbc jdbc;
    private final AggregationConfig config;
    private final InstanceDirectory instances;
    private final RunStarter starter;

    public StaleRecomputation(Jdbc jdbc, AggregationConfig config, InstanceDirectory instances, RunStarter starter) {
        this.jdbc = jdbc;
        this.config = config;
        this.instances = instances;
        this.starter = starter;
    }

    @Scheduled(identity = "stale-recomputation", every = "${whalefall.aggregation.stale.check-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void check() {
        if (config.enabled() && config.stale().enabled()) {
            recomputeDue();
        }
    }

    /** Starts one run for every period stale for longer than the debounce time; returns its id, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recomputeDue() {
        String requestId = "recompute:" + UUID.randomUUID();
        UUID runId = RunId.forRequest(requestId);
        Map<Long, List<PeriodRef>> periodsByInstance = claim(runId, Instant.now().minus(config.stale().debounce()));
        if (periodsByInstance.isEmpty()) {
            return null;
        }
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, String> known = instances.names(periodsByInstance.keySet());
        periodsByInstance.keySet().forEach(id -> names.put(id, known.getOrDefault(id, "#" + id)));
        EnumSet<PeriodType> types = EnumSet.noneOf(PeriodType.class);
        periodsByInstance.values().forEach(list -> list.forEach(p -> types.add(p.periodType())));
        starter.start(new RunSpec(runId, requestId, Trigger.SCHEDULED, "stale-recomputation", AggregationMode.RECOMPUTE,
                List.copyOf(types), null, null, false, names, periodsByInstance), null);
        return runId;
    }

    private Map<Long, List<PeriodRef>> claim(UUID runId, Instant staleBefore) {
        Map<Long, List<PeriodRef>> periods = new LinkedHashMap<>();
        jdbc.forEach(CLAIM, List.of(staleBefore, runId), rs -> periods.computeIfAbsent(rs.getLong(1),
                id -> new ArrayList<>()).add(new PeriodRef(PeriodType.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))));
        return periods;
    }
}
