-- The number of instances AggregationFinished reports. A run's end only ends its session once every one
-- of those instances has its record ended too: the per-instance events can arrive after the run's end.
ALTER TABLE sync_session ADD COLUMN finished_instances integer;
