-- The minute deltas travel in MetricWindowsUpdated and query-api's windows are their one stored copy.
-- Nothing here read these states back except the next batch's merge: a delta depends only on the batch's
-- points. Reading and rewriting three levels per batch cost 14.6 of the 38 seconds of statements in the
-- metric benchmark. metric_series (watermarks) and late_metric_point stay. Dropping a partitioned table
-- drops its partitions.
DROP TABLE metric_window_1m;
DROP TABLE metric_window_1h;
DROP TABLE metric_window_1d;
