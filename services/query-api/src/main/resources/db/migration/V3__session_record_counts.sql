-- SessionUpdated records now count their periods (periods, periods_skipped) instead of listing them in
-- sync_details. Snapshots stored before that change are rewritten to the new shape, so sessions that no
-- longer change (the terminal ones never receive another snapshot) still show how many periods each record
-- reported, and the list of periods, which the read model never needed, no longer takes room.
UPDATE sync_session s
SET records = (
    SELECT coalesce(jsonb_agg((e.record - 'sync_details') || jsonb_build_object(
               'periods', jsonb_array_length(e.details),
               'periods_skipped', jsonb_array_length(jsonb_path_query_array(e.details, '$[*] ? (@.skipped == true)')))
           ORDER BY e.position), '[]')
    FROM (SELECT r.record, coalesce(r.record -> 'sync_details', '[]') AS details, r.position
          FROM jsonb_array_elements(s.records) WITH ORDINALITY AS r(record, position)) e
)
WHERE jsonb_path_exists(s.records, '$[*].sync_details');
