-- period-aggregation: the time-window engine for metric points (issue 6). Tumbling windows of 1 minute,
-- rolled up to 1 hour and 1 day, each holding a mergeable state (metric-windows WindowState).

-- One row per series (metric + labels; series_id = UUID v3 of the canonical form, as in every service).
-- histogram_bounds are fixed when the series is first seen: every state of a series must use the same
-- bounds to stay mergeable, so later configuration changes apply to new series only.
-- watermark: the newest timestamp accepted so far. A point older than watermark - allowed lateness is
-- late. All parts of one ingestion batch are judged against the watermark from before that batch
-- (watermark_base, valid while watermark_batch is that batch), so the order in which parts are
-- processed cannot make a batch's own points late.
CREATE TABLE metric_series (
    series_id        uuid PRIMARY KEY,
    metric           text        NOT NULL,
    labels           jsonb       NOT NULL,
    histogram_bounds text        NOT NULL,
    watermark        timestamptz,
    watermark_base   timestamptz,
    watermark_batch  uuid,
    late_points      bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Window states per resolution. count/sum/min/max/mean are the state's summary, for people and SQL;
-- state is the full mergeable state. revision grows with every change of the row. Range-partitioned on
-- window_start (1m: a partition per UTC day, 1h: per month, 1d: per year), so retention drops whole
-- partitions. Partitions are created ahead of time by the service (WindowPartitions).
CREATE TABLE metric_window_1m (
    series_id    uuid             NOT NULL,
    window_start timestamptz      NOT NULL,
    revision     bigint           NOT NULL,
    count        bigint           NOT NULL CHECK (count > 0),
    sum          double precision NOT NULL,
    min          double precision NOT NULL,
    max          double precision NOT NULL,
    mean         double precision NOT NULL,
    state        bytea            NOT NULL,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (series_id, window_start)
) PARTITION BY RANGE (window_start);

CREATE TABLE metric_window_1h (LIKE metric_window_1m INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (series_id, window_start)) PARTITION BY RANGE (window_start);

CREATE TABLE metric_window_1d (LIKE metric_window_1m INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (series_id, window_start)) PARTITION BY RANGE (window_start);

-- Points kept out of the windows: too late (older than the series' watermark - allowed lateness: reason
-- 'lateness'), in a minute window that had already expired ('retention'), or too far ahead of the clock
-- ('future', which would otherwise drag the watermark ahead and make every real point late). They are
-- kept here for audit, partitioned by day of arrival, and dropped after
-- whalefall.metrics.retention.late-points.
CREATE TABLE late_metric_point (
    series_id   uuid             NOT NULL,
    ts          timestamptz      NOT NULL,
    value       double precision NOT NULL,
    metric      text             NOT NULL,
    labels      jsonb            NOT NULL,
    watermark   timestamptz,
    reason      text             NOT NULL CHECK (reason IN ('lateness', 'retention', 'future')),
    received_at timestamptz      NOT NULL DEFAULT now()
) PARTITION BY RANGE (received_at);
CREATE INDEX late_metric_point_series_idx ON late_metric_point (series_id, ts);
