-- A record's period counts, which SessionUpdated snapshots carry instead of the per-period details: a
-- snapshot is published on every change of a run, and listing every period of every instance made it grow
-- with instances x periods (and made each snapshot re-read every record's sync_details). PostgreSQL derives
-- the counts from sync_details whenever a record is written, so they can never disagree with the details the
-- API lists, and adding the columns computes them for the records already stored.
ALTER TABLE sync_session_record
    -- periods of the run reported for the instance, computed or skipped
    ADD COLUMN periods         integer NOT NULL GENERATED ALWAYS AS (jsonb_array_length(sync_details)) STORED,
    -- of those, the ones already aggregated and not recomputed
    ADD COLUMN periods_skipped integer NOT NULL GENERATED ALWAYS AS (
        jsonb_array_length(jsonb_path_query_array(sync_details, '$[*] ? (@.skipped == true)'))) STORED;
