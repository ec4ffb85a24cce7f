-- query-api: read models built from events (InstanceUpserted, PeriodCompleted, SessionUpdated) and the
-- log of aggregation requests made through this API. Nothing here is the source of truth: every table
-- can be rebuilt by replaying the events.

-- Instances, from InstanceUpserted: the highest version wins.
CREATE TABLE instance (
    instance_id bigint PRIMARY KEY,
    name        text        NOT NULL,
    db_type     text        NOT NULL,
    host        text,
    port        integer,
    is_active   boolean     NOT NULL,
    capacity_mb bigint,
    version     bigint      NOT NULL,
    updated_at  timestamptz
);
-- db_type filters resolve to instance ids through this index (the instance table stays small).
CREATE INDEX instance_db_type_idx ON instance (db_type, instance_id);

-- The revision of each instance's period that the read model holds. PeriodCompleted events claim their
-- period here first: the row lock serialises concurrent events of one period, and an event whose
-- revision is not newer than the held one changes nothing. With one row per instance and period (a
-- database_period row per database), it also answers counts and "latest period per instance" questions
-- of the database list without touching the large table.
CREATE TABLE period_revision (
    instance_id    bigint      NOT NULL,
    period_type    text        NOT NULL CHECK (period_type IN ('daily', 'weekly', 'monthly', 'quarterly')),
    period_start   date        NOT NULL,
    period_end     date        NOT NULL,
    revision       integer     NOT NULL,
    complete       boolean     NOT NULL,
    days_with_data integer     NOT NULL,
    days_in_period integer     NOT NULL,
    calculated_at  timestamptz NOT NULL,
    run_id         uuid,
    -- database_period rows of this revision
    database_rows  integer     NOT NULL,
    applied_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, period_type, period_start)
);
CREATE INDEX period_revision_type_start_idx
    ON period_revision (period_type, period_start DESC) INCLUDE (instance_id, period_end, database_rows);

-- Database-level aggregates: every column of DatabasePeriodAggregate plus the period's facts, so that
-- the list endpoint reads one table (and the instance table for names).
CREATE TABLE database_period (
    instance_id              bigint      NOT NULL,
    period_type              text        NOT NULL CHECK (period_type IN ('daily', 'weekly', 'monthly', 'quarterly')),
    period_start             date        NOT NULL,
    database_name            text        NOT NULL,
    period_end               date        NOT NULL,
    avg_size_mb              bigint      NOT NULL,
    max_size_mb              bigint      NOT NULL,
    min_size_mb              bigint      NOT NULL,
    avg_data_size_mb         bigint,
    max_data_size_mb         bigint,
    min_data_size_mb         bigint,
    avg_log_size_mb          bigint,
    max_log_size_mb          bigint,
    min_log_size_mb          bigint,
    data_count               integer     NOT NULL,
    days_with_data           integer     NOT NULL,
    previous_avg_size_mb     bigint,
    size_change_mb           bigint      NOT NULL,
    size_change_percent      numeric     NOT NULL,
    data_size_change_mb      bigint      NOT NULL,
    data_size_change_percent numeric     NOT NULL,
    log_size_change_mb       bigint      NOT NULL,
    log_size_change_percent  numeric     NOT NULL,
    growth_rate              numeric     NOT NULL,
    revision                 integer     NOT NULL,
    complete                 boolean     NOT NULL,
    days_in_period           integer     NOT NULL,
    calculated_at            timestamptz NOT NULL,
    PRIMARY KEY (instance_id, period_type, period_start, database_name)
);
-- The list's default order (newest period first) with and without a period_type filter, so that a page
-- is read straight from an index and counts are index-only scans.
CREATE INDEX database_period_type_start_idx
    ON database_period (period_type, period_start DESC, instance_id, database_name);
CREATE INDEX database_period_start_idx
    ON database_period (period_start DESC, instance_id, database_name, period_type);
-- database_name filter (one database across instances and time).
CREATE INDEX database_period_name_idx
    ON database_period (database_name, period_type, period_start DESC);

-- Instance-level aggregates: every column of InstancePeriodAggregate plus the period's facts. A period
-- without data (PeriodCompleted.instance = null) has no row here.
CREATE TABLE instance_period (
    instance_id                   bigint      NOT NULL,
    period_type                   text        NOT NULL CHECK (period_type IN ('daily', 'weekly', 'monthly', 'quarterly')),
    period_start                  date        NOT NULL,
    period_end                    date        NOT NULL,
    total_size_mb                 bigint      NOT NULL,
    avg_size_mb                   bigint      NOT NULL,
    max_size_mb                   bigint      NOT NULL,
    min_size_mb                   bigint      NOT NULL,
    data_count                    integer     NOT NULL,
    database_count                integer     NOT NULL,
    avg_database_count            numeric     NOT NULL,
    max_database_count            integer     NOT NULL,
    min_database_count            integer     NOT NULL,
    previous_total_size_mb        bigint,
    total_size_change_mb          bigint      NOT NULL,
    total_size_change_percent     numeric     NOT NULL,
    database_count_change         integer     NOT NULL,
    database_count_change_percent numeric     NOT NULL,
    growth_rate                   numeric     NOT NULL,
    trend_direction               text,
    revision                      integer     NOT NULL,
    complete                      boolean     NOT NULL,
    days_with_data                integer     NOT NULL,
    days_in_period                integer     NOT NULL,
    calculated_at                 timestamptz NOT NULL,
    PRIMARY KEY (instance_id, period_type, period_start)
);
CREATE INDEX instance_period_type_start_idx ON instance_period (period_type, period_start DESC, instance_id);
CREATE INDEX instance_period_start_idx ON instance_period (period_start DESC, instance_id, period_type);

-- Every database ever aggregated, per instance: answers "how many databases does this scope have"
-- without scanning the aggregates.
CREATE TABLE database_catalog (
    instance_id   bigint      NOT NULL,
    database_name text        NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, database_name)
);

-- Sync sessions, from SessionUpdated: the snapshot with the highest sequence wins.
CREATE TABLE sync_session (
    session_id           uuid PRIMARY KEY,
    request_id           text,
    sync_type            text,
    sync_category        text,
    status               text        NOT NULL,
    created_by           text,
    started_at           timestamptz,
    completed_at         timestamptz,
    total_instances      integer     NOT NULL,
    successful_instances integer     NOT NULL,
    failed_instances     integer     NOT NULL,
    skipped_instances    integer     NOT NULL,
    progress             integer     NOT NULL,
    period_types         text[]      NOT NULL DEFAULT '{}',
    error_message        text,
    sequence             bigint      NOT NULL,
    updated_at           timestamptz,
    records              jsonb       NOT NULL DEFAULT '[]',
    -- when a session started, or, until it does, when it last changed: the list's order and date filter
    listed_at            timestamptz GENERATED ALWAYS AS (coalesce(started_at, updated_at)) STORED
);
CREATE INDEX sync_session_listed_idx ON sync_session (listed_at DESC NULLS LAST, session_id);
CREATE INDEX sync_session_status_idx ON sync_session (status, listed_at DESC NULLS LAST);

-- Aggregations requested through this API (who asked for what, and the session to follow). The live
-- session stream accepts these ids before session-tracking has published their first snapshot.
CREATE TABLE aggregation_request (
    request_id   text PRIMARY KEY,
    session_id   uuid        NOT NULL UNIQUE,
    mode         text        NOT NULL,
    period_types text[]      NOT NULL,
    scope        text        NOT NULL,
    instance_ids bigint[]    NOT NULL,
    range_from   date,
    range_to     date,
    force        boolean     NOT NULL,
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now()
);
