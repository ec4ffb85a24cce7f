package io.whalefall.query.aggregation;

import java.util.List;

/** What the read model knows about a request's scope, reported with the queued request. */
public final class ScopeSummary {

    private ScopeSummary() {
    }

    /**
     * The instances in scope.
     *
     * @param scope       all, instance or database
     * @param instances   instances the run will cover as far as the read model knows (active ones for all)
     * @param instanceIds the instances named (null for all: period-aggregation takes every active instance)
     */
    public record Instances(String scope, long instances, List<Long> instanceIds) {
    }

    /**
     * The databases in scope.
     *
     * @param databases    databases aggregated before on those instances (for scope database: 1 if it was)
     * @param databaseName the database, for scope database
     */
    public record Databases(long databases, String databaseName) {
    }
}
