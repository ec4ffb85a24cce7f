-- stats-ingestion: raw metric points (issue 6). A series is a metric name plus its labels; series_id is
-- the UUID v3 of its canonical form (metric-windows SeriesKey), the same in every service.

-- One row per series and timestamp: a re-sent point is not stored twice. Partitioned by day on ts, so
-- retention drops whole days (DROP TABLE of a partition) instead of deleting row by row. The partitions
-- themselves are created ahead of time by the service (io.whalefall.ingestion.metrics.RawPointPartitions).
CREATE TABLE metric_point (
    series_id   uuid             NOT NULL,
    ts          timestamptz      NOT NULL,
    metric      text             NOT NULL,
    labels      jsonb            NOT NULL,
    value       double precision NOT NULL CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')),
    ingested_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (series_id, ts)
) PARTITION BY RANGE (ts);
