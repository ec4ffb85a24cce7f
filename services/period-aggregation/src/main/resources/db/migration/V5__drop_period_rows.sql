-- The computed period rows travel in PeriodCompleted and query-api's read model is their one stored copy.
-- Nothing here read them back: a recomputation starts again from the daily states, and period_state keeps
-- each period's revision. Writing every row twice cost the backfill most of its database time.
DROP TABLE database_period;
DROP TABLE instance_period;
