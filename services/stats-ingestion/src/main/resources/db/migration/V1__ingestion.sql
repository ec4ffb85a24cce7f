-- stats-ingestion: registered instances and the raw capacity samples collectors send.

CREATE TABLE instance (
    id          bigint PRIMARY KEY,
    name        text        NOT NULL,
    db_type     text        NOT NULL CHECK (db_type IN ('mysql', 'postgresql', 'sqlserver', 'oracle')),
    host        text        NOT NULL,
    port        integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    is_active   boolean     NOT NULL,
    capacity_mb bigint CHECK (capacity_mb >= 0),
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per instance, database and collection instant: a re-sent sample is not stored twice.
CREATE TABLE database_size_sample (
    instance_id   bigint      NOT NULL REFERENCES instance (id),
    database_name text        NOT NULL,
    collected_at  timestamptz NOT NULL,
    size_mb       bigint      NOT NULL CHECK (size_mb >= 0),
    data_size_mb  bigint CHECK (data_size_mb >= 0),
    log_size_mb   bigint CHECK (log_size_mb >= 0),
    ingested_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, database_name, collected_at)
);

CREATE TABLE instance_size_sample (
    instance_id    bigint      NOT NULL REFERENCES instance (id),
    collected_at   timestamptz NOT NULL,
    total_size_mb  bigint      NOT NULL CHECK (total_size_mb >= 0),
    database_count integer     NOT NULL CHECK (database_count >= 0),
    ingested_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, collected_at)
);
