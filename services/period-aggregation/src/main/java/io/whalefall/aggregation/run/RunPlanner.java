package io.whalefall.aggregation.run;

import io.whalefall.aggregation.AggregationConfig;
import io.whalefall.platform.calendar.PeriodCalendar;
import io.whalefall.aggregation.instance.InstanceDirectory;
import io.whalefall.contracts.aggregation.AggregationMode;
import io.whalefall.contracts.aggregation.AggregationRequested;
import io.whalefall.contracts.aggregation.PeriodRef;
import io.whalefall.contracts.aggregation.PeriodType;
import io.whalefall.contracts.aggregation.RunId;
import io.whalefall.contracts.aggregation.Trigger;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Checks a request and works out its instances and periods. */
@ApplicationScoped
public class RunPlanner {

    private final AggregationConfig config;
    private final InstanceDirectory instances;
    private final Clock clock;

    public RunPlanner(AggregationConfig config, InstanceDirectory instances, Clock clock) {
        this.config = config;
        this.instances = instances;
        this.clock = clock;
    }

    /** Today in the configured zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.zone()));
    }

    /**
     * Resolves a request into the run it asks for.
     *
     * @throws RequestRejectedException with the reason when the request cannot run
     */
    public RunSpec plan(AggregationRequested request) {
        if (!config.enabled()) {
            throw new RequestRejectedException("aggregation is disabled (whalefall.aggregation.enabled=false)");
        }
        if (request.mode() == null || request.mode() == AggregationMode.RECOMPUTE) {
            throw new RequestRejectedException("mode must be current, previous, range or scheduled");
        }
        List<PeriodType> types = request.periodTypes() == null || request.periodTypes().isEmpty()
                ? Arrays.asList(PeriodType.values()) : request.periodTypes();
        if (types.contains(null)) {
            throw new RequestRejectedException("period_types contains an empty value");
        }
        LocalDate today = today();
        List<PeriodRef> periods = new ArrayList<>();
        for (PeriodType type : new LinkedHashSet<>(types)) {
            switch (request.mode()) {
                case CURRENT -> periods.add(PeriodCalendar.containing(type, today));
                case PREVIOUS -> periods.add(PeriodCalendar.lastComplete(type, today));
                case SCHEDULED -> {
                    periods.add(PeriodCalendar.lastComplete(type, today));
                    periods.add(PeriodCalendar.containing(type, today));
                }
                case RANGE -> periods.addAll(rangePeriods(type, request.from(), request.to(), today));
            }
        }
        Map<Long, String> instances = scope(request);
        Map<Long, List<PeriodRef>> periodsByInstance = new LinkedHashMap<>();
        instances.keySet().forEach(id -> periodsByInstance.put(id, periods));
        return new RunSpec(RunId.forRequest(request.requestId()), request.requestId(),
                request.trigger() == null ? Trigger.EXTERNAL : request.trigger(), request.requestedBy(), request.mode(),
                List.copyOf(new LinkedHashSet<>(types)), request.from(), request.to(), request.force(), instances,
                periodsByInstance);
    }

    private List<PeriodRef> rangePeriods(PeriodType type, LocalDate from, LocalDate to, LocalDate today) {
        if (from == null || to == null) {
            throw new RequestRejectedException("mode range needs both from and to");
        }
        if (from.isAfter(to)) {
            throw new RequestRejectedException("from (" + from + ") is after to (" + to + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > config.maxRangeDays()) {
            throw new RequestRejectedException("the range covers " + days + " days; at most " + config.maxRangeDays()
                    + " are allowed (whalefall.aggregation.max-range-days)");
        }
        if (from.isAfter(today)) {
            throw new RequestRejectedException("from (" + from + ") lies in the future (today is " + today + ")");
        }
        return PeriodCalendar.overlapping(type, from, to);
    }

    private Map<Long, String> scope(AggregationRequested request) {
        List<Long> requested = request.scope() == null || request.scope().instanceIds() == null
                ? List.of() : request.scope().instanceIds();
        if (requested.isEmpty()) {
            return instances.active();
        }
        if (requested.contains(null)) {
            throw new RequestRejectedException("scope.instance_ids contains an empty value");
        }
        // Every named instance gets a work item and so a record, known or not: an instance this service has not
        // heard of yet may have been registered a moment ago (its work item waits a while for it), and one that
        // never arrives fails its own record, not the whole request.
        Map<Long, String> known = instances.names(requested);
        Map<Long, String> scope = new LinkedHashMap<>();
        new TreeSet<>(requested).forEach(id -> scope.put(id, known.getOrDefault(id, InstanceDirectory.placeholderName(id))));
        return scope;
    }
}
