-- Tables every service owns in its own schema (shared-runtime). Platform migrations are versioned 0.x
-- so that they sort before the service's own migrations (1, 2, ...); quarkus.flyway.out-of-order lets a
-- later 0.x migration apply after them.

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
CREATE TABLE outbox_message (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id     uuid        NOT NULL UNIQUE,
    destination    text        NOT NULL CHECK (destination IN ('COMMANDS', 'EVENTS')),
    routing_key    text        NOT NULL,
    message_type   text        NOT NULL,
    correlation_id text,
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Processed-message log: ids of applied messages, written in the same transaction as their effect.
CREATE TABLE processed_message (
    message_id   uuid PRIMARY KEY,
    message_type text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_message_processed_at_idx ON processed_message (processed_at);
