-- period-aggregation: its own copy of instance metadata, daily states built from StatsIngested, the
-- period aggregations, and the runs that compute them.

-- Copy of the instances, from InstanceUpserted (highest version wins).
CREATE TABLE instance (
    instance_id bigint PRIMARY KEY,
    name        text        NOT NULL,
    db_type     text        NOT NULL,
    is_active   boolean     NOT NULL,
    capacity_mb bigint,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Per database and day (in the configured zone): running sums of that day's samples. Additive, so a
-- StatsIngested batch (which carries only newly stored samples) is folded in with one upsert.
CREATE TABLE database_day (
    instance_id   bigint  NOT NULL,
    day           date    NOT NULL,
    database_name text    NOT NULL,
    samples       integer NOT NULL,
    size_sum      bigint  NOT NULL,
    size_max      bigint  NOT NULL,
    size_min      bigint  NOT NULL,
    data_samples  integer NOT NULL,
    data_sum      bigint  NOT NULL,
    data_max      bigint,
    data_min      bigint,
    log_samples   integer NOT NULL,
    log_sum       bigint  NOT NULL,
    log_max       bigint,
    log_min       bigint,
    PRIMARY KEY (instance_id, day, database_name)
);

-- Per instance and day: running sums of the instance-level samples.
CREATE TABLE instance_day (
    instance_id  bigint  NOT NULL,
    day          date    NOT NULL,
    samples      integer NOT NULL,
    total_sum    bigint  NOT NULL,
    total_max    bigint  NOT NULL,
    total_min    bigint  NOT NULL,
    db_count_sum bigint  NOT NULL,
    db_count_max integer NOT NULL,
    db_count_min integer NOT NULL,
    PRIMARY KEY (instance_id, day)
);

-- Bookkeeping per instance and period: computed (and when, at which revision, whether the period was
-- complete then) and stale (a late sample arrived after it was computed). "Already aggregated" is
-- decided per instance from this table.
CREATE TABLE period_state (
    instance_id   bigint      NOT NULL,
    period_type   text        NOT NULL CHECK (period_type IN ('daily', 'weekly', 'monthly', 'quarterly')),
    period_start  date        NOT NULL,
    period_end    date        NOT NULL,
    revision      integer     NOT NULL,
    complete      boolean     NOT NULL,
    computed_at   timestamptz NOT NULL,
    run_id        uuid        NOT NULL,
    stale         boolean     NOT NULL DEFAULT false,
    stale_since   timestamptz,
    -- the recomputation run that took the stale period, and when (a lost claim is taken again later)
    stale_run_id  uuid,
    stale_claimed_at timestamptz,
    PRIMARY KEY (instance_id, period_type, period_start)
);
CREATE INDEX period_state_stale_idx ON period_state (stale_since) WHERE stale;

CREATE TABLE database_period (
    instance_id              bigint        NOT NULL,
    period_type              text          NOT NULL,
    period_start             date          NOT NULL,
    database_name            text          NOT NULL,
    period_end               date          NOT NULL,
    avg_size_mb              bigint        NOT NULL,
    max_size_mb              bigint        NOT NULL,
    min_size_mb              bigint        NOT NULL,
    avg_data_size_mb         bigint,
    max_data_size_mb         bigint,
    min_data_size_mb         bigint,
    avg_log_size_mb          bigint,
    max_log_size_mb          bigint,
    min_log_size_mb          bigint,
    data_count               integer       NOT NULL,
    days_with_data           integer       NOT NULL,
    previous_avg_size_mb     bigint,
    size_change_mb           bigint        NOT NULL,
    size_change_percent      numeric(20, 2) NOT NULL,
    data_size_change_mb      bigint        NOT NULL,
    data_size_change_percent numeric(20, 2) NOT NULL,
    log_size_change_mb       bigint        NOT NULL,
    log_size_change_percent  numeric(20, 2) NOT NULL,
    growth_rate              numeric(20, 2) NOT NULL,
    revision                 integer       NOT NULL,
    calculated_at            timestamptz   NOT NULL,
    PRIMARY KEY (instance_id, period_type, period_start, database_name)
);

CREATE TABLE instance_period (
    instance_id                   bigint        NOT NULL,
    period_type                   text          NOT NULL,
    period_start                  date          NOT NULL,
    period_end                    date          NOT NULL,
    total_size_mb                 bigint        NOT NULL,
    avg_size_mb                   bigint        NOT NULL,
    max_size_mb                   bigint        NOT NULL,
    min_size_mb                   bigint        NOT NULL,
    data_count                    integer       NOT NULL,
    database_count                integer       NOT NULL,
    avg_database_count            numeric(20, 2) NOT NULL,
    max_database_count            integer       NOT NULL,
    min_database_count            integer       NOT NULL,
    previous_total_size_mb        bigint,
    total_size_change_mb          bigint        NOT NULL,
    total_size_change_percent     numeric(20, 2) NOT NULL,
    database_count_change         integer       NOT NULL,
    database_count_change_percent numeric(20, 2) NOT NULL,
    growth_rate                   numeric(20, 2) NOT NULL,
    trend_direction               text          NOT NULL CHECK (trend_direction IN ('growing', 'shrinking', 'stable')),
    revision                      integer       NOT NULL,
    calculated_at                 timestamptz   NOT NULL,
    PRIMARY KEY (instance_id, period_type, period_start)
);

-- One row per AggregationRequested request id: a request delivered twice makes one run.
CREATE TABLE run (
    run_id          uuid PRIMARY KEY,
    request_id      text        NOT NULL UNIQUE,
    trigger         text        NOT NULL,
    requested_by    text,
    mode            text,
    status          text        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'rejected')),
    total_items     integer     NOT NULL DEFAULT 0,
    remaining_items integer     NOT NULL DEFAULT 0,
    cancelled       boolean     NOT NULL DEFAULT false,
    reason          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);

-- One work item per instance of a run; competing consumers take them from the work queue.
CREATE TABLE work_item (
    run_id        uuid        NOT NULL REFERENCES run (run_id) ON DELETE CASCADE,
    instance_id   bigint      NOT NULL,
    status        text        NOT NULL CHECK (status IN ('pending', 'completed', 'failed', 'skipped')),
    rows_written  integer     NOT NULL DEFAULT 0,
    processed_by  text,
    error         text,
    finished_at   timestamptz,
    PRIMARY KEY (run_id, instance_id)
);

-- The one rule for every "change in %" column: relative to the previous value, two decimals rounded
-- half away from zero, and 0 when there is no previous value or it is 0.
CREATE FUNCTION change_percent(current_value numeric, previous_value numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS
$$
SELECT CASE
           WHEN previous_value IS NULL OR previous_value = 0 OR current_value IS NULL THEN 0
           ELSE round((current_value - previous_value) * 100 / previous_value, 2)
       END
$$;
