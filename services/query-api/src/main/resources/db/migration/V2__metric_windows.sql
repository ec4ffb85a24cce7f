-- query-api: the metric window read model (issue 6), from MetricWindowsUpdated. Like every read model here
-- it can be rebuilt by replaying the events.

-- One row per series: a metric plus its labels; series_id is the UUID v3 of the canonical form (name), as
-- in every service. The series list is ordered by (metric, name); label filters are jsonb containment
-- (labels @> '{"k":"v"}') served by the GIN index. last_window_start (the newest window start received)
-- lets the retention upkeep forget series none of whose windows can still be stored.
CREATE TABLE metric_series (
    series_id         uuid PRIMARY KEY,
    metric            text        NOT NULL,
    name              text        NOT NULL,
    labels            jsonb       NOT NULL,
    histogram_bounds  text        NOT NULL,
    last_window_start timestamptz NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX metric_series_metric_idx ON metric_series (metric, name);
CREATE INDEX metric_series_labels_idx ON metric_series USING gin (labels jsonb_path_ops);
CREATE INDEX metric_series_last_window_idx ON metric_series (last_window_start);

-- Window states: the highest revision per (series, resolution, window start). count/sum/min/max/mean are
-- the state's summary, for people and SQL; state is the full mergeable state (metric-windows binary form)
-- every query merges. Partitioned by resolution (list), then by window_start (range): 1m by UTC day, 1h by
-- month, 1d by year. A query reads one resolution over a time range, so it touches one list partition and
-- the few range partitions of its range, where the primary key (series_id, resolution, window_start)
-- serves "these series, this range" as index range scans. Retention (1m 7 days, 1h 90 days, 1d 730 days by
-- default) drops whole range partitions; the service creates them ahead of time and on demand
-- (WindowPartitions).
CREATE TABLE metric_window (
    series_id    uuid             NOT NULL,
    resolution   text             NOT NULL CHECK (resolution IN ('1m', '1h', '1d')),
    window_start timestamptz      NOT NULL,
    revision     bigint           NOT NULL,
    count        bigint           NOT NULL,
    sum          double precision NOT NULL,
    min          double precision NOT NULL,
    max          double precision NOT NULL,
    mean         double precision NOT NULL,
    state        bytea            NOT NULL,
    PRIMARY KEY (series_id, resolution, window_start)
) PARTITION BY LIST (resolution);

CREATE TABLE metric_window_1m PARTITION OF metric_window FOR VALUES IN ('1m') PARTITION BY RANGE (window_start);
CREATE TABLE metric_window_1h PARTITION OF metric_window FOR VALUES IN ('1h') PARTITION BY RANGE (window_start);
CREATE TABLE metric_window_1d PARTITION OF metric_window FOR VALUES IN ('1d') PARTITION BY RANGE (window_start);
