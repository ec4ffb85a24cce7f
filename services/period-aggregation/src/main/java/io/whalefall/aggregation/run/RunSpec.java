package io.whalefall.aggregation.run;

import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.Trigger;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Everything needed to start a run.
 *
 * @param runId             the run (= session) id
 * @param requestId         the request's idempotency key
 * @param trigger           who asked
 * @param requestedBy       user or system name
 * @param mode              which periods were asked for
 * @param periodTypes       the period types in scope
 * @param from              first day of a range request
 * @param to                last day of a range request
 * @param force             recompute periods already aggregated
 * @param instances         instances in scope, id → name, in id order
 * @param periodsByInstance the periods of each instance's work item
 */
public record RunSpec(UUID runId, String requestId, Trigger trigger, String requestedBy, AggregationMode mode,
        List<PeriodType> periodTypes, LocalDate from, LocalDate to, boolean force, Map<Long, String> instances,
        Map<Long, List<PeriodRef>> periodsByInstance) {

    /** Every period of the run, each once, in first-seen order. */
    public List<PeriodRef> allPeriods() {
        LinkedHashSet<PeriodRef> all = new LinkedHashSet<>();
        instances.keySet().forEach(id -> all.addAll(periodsByInstance.getOrDefault(id, List.of())));
        return List.copyOf(all);
    }

    String triggerCode() {
        return trigger.name().toLowerCase(Locale.ROOT);
    }

    String modeCode() {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
