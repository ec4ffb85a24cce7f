/**
 * Data access for every service: {@link io.whalefall.platform.sql.Jdbc} runs hand-written SQL with bound
 * parameters, {@link io.whalefall.platform.sql.Rows} reads nullable columns, {@link io.whalefall.platform.sql.SqlArray}
 * binds arrays, {@link io.whalefall.platform.sql.Where} assembles filter clauses. No ORM: the workload is
 * set-based SQL (unnest upserts, GROUP BY folds) that an entity mapping would only get in the way of.
 */
package io.whalefall.platform.sql;
