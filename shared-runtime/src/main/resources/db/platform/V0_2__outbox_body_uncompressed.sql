-- Outbox bodies live for milliseconds (the relay deletes them once the broker confirms): compressing
-- them into TOAST costs CPU for nothing, the large PeriodCompleted bodies of a backfill above all.
ALTER TABLE outbox_message ALTER COLUMN body SET STORAGE EXTERNAL;
