-- The open311 module's first table (scaffolded). Every domain table carries its area code (scope, and the future
-- distribution key); the application role gets its privileges through the default privileges of migration 0010.
CREATE TABLE open311_items (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  title text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX open311_items_area_idx ON open311_items (area_code text_pattern_ops, created_at);
