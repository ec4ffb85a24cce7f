package io.whalefall.query.readmodel;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts events the projections applied and those they ignored as older than what the read model holds. */
@ApplicationScoped
public class ProjectionMetrics {

    private final MeterRegistry registry;

    public ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the outcome of one event: {@code applied} or {@code stale}. */
    public void record(String type, boolean applied) {
        registry.counter("whalefall.query.projection.events", "type", type, "outcome", applied ? "applied" : "stale")
                .increment();
    }
}
