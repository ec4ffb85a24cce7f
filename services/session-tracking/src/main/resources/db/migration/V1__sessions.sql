-- session-tracking: one sync session per aggregation run and one record per instance, built only from
-- the run's lifecycle events. Events arrive late, twice or out of order, so the table keeps the facts
-- received (the "fact" columns) and derives status, totals and progress from them after every change:
-- the result is a function of the set of facts, never of their order.

-- Rank of a record status: an event only replaces a record's state with one of a higher rank, so a late
-- or repeated event can never move a record backwards (failed > completed > skipped > running > pending).
CREATE FUNCTION record_status_rank(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT array_position(ARRAY['pending', 'running', 'skipped', 'completed', 'failed'], status) $$;

CREATE TABLE sync_session (
    session_id           uuid PRIMARY KEY,
    request_id           text        NOT NULL,
    -- what the run is (from AggregationStarted, or AggregationRejected); null until one of them arrived
    sync_type            text CHECK (sync_type IN ('scheduled_task', 'manual_task', 'external')),
    sync_category        text        NOT NULL DEFAULT 'aggregation',
    created_by           text,
    mode                 text,
    period_types         text[]      NOT NULL DEFAULT '{}',
    periods              jsonb       NOT NULL DEFAULT '[]',
    range_from           date,
    range_to             date,
    force                boolean,

    -- facts received
    run_started_at       timestamptz,          -- AggregationStarted.started_at
    expected_instances   integer,              -- instances named by AggregationStarted
    finished_outcome     text CHECK (finished_outcome IN ('completed', 'failed', 'cancelled')),
    finished_at          timestamptz,
    rejected_reason      text,
    rejected_at          timestamptz,
    cancel_requested_by  text,
    cancel_reason        text,
    cancel_requested_at  timestamptz,
    stalled_at           timestamptz,          -- when the stuck-session check found the run silent
    stall_reason         text,
    last_event_at        timestamptz NOT NULL, -- when this service last heard from the run

    -- derived from the facts and the records (SessionDerivation)
    status               text        NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    started_at           timestamptz,
    completed_at         timestamptz,
    total_instances      integer     NOT NULL DEFAULT 0,
    successful_instances integer     NOT NULL DEFAULT 0,
    failed_instances     integer     NOT NULL DEFAULT 0,
    skipped_instances    integer     NOT NULL DEFAULT 0,
    progress             integer     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    error_message        text,
    -- increases with every change; SessionUpdated readers keep the highest
    sequence             bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    -- the time a session is listed, filtered and expired by: its start, or when it was first heard of
    listed_at            timestamptz GENERATED ALWAYS AS (coalesce(started_at, created_at)) STORED
);
CREATE INDEX sync_session_listed_at_idx ON sync_session (listed_at DESC, session_id);
CREATE INDEX sync_session_status_idx ON sync_session (status, listed_at DESC);
-- the stuck-session check looks only at running sessions
CREATE INDEX sync_session_silence_idx ON sync_session (last_event_at) WHERE status = 'running';

CREATE TABLE sync_session_record (
    session_id    uuid    NOT NULL REFERENCES sync_session ON DELETE CASCADE,
    instance_id   bigint  NOT NULL,
    instance_name text    NOT NULL,
    -- true once AggregationStarted named the instance: that name (the one at the run's start) wins
    named_by_run  boolean NOT NULL DEFAULT false,
    status        text    NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped')),
    started_at    timestamptz,
    completed_at  timestamptz,
    items_synced  integer NOT NULL DEFAULT 0,
    error_message text,
    sync_details  jsonb   NOT NULL DEFAULT '[]',
    PRIMARY KEY (session_id, instance_id)
);
