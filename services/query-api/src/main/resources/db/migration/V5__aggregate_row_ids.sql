-- Every aggregate row gets an id, as WhaleFall's list items have: clients page and link by it. The
-- projection upserts a period's rows in place (ON CONFLICT ... DO UPDATE), so a row keeps its id through
-- every new revision; a database that drops out of a recomputed period loses its row and its id.
-- Identity values are unique by construction (GENERATED ALWAYS: nobody writes them), so no index is kept
-- for them: nothing looks a row up by id, and an index would cost every projected row.
ALTER TABLE database_period ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE instance_period ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
