-- Reversible merge of duplicate clients: the source stays (closed, merged_into the target) and the merge row
-- remembers exactly which rows moved, so an undo moves the same rows back.
ALTER TABLE clients ADD COLUMN merged_into uuid REFERENCES clients (id);

CREATE TABLE client_merges (
  id uuid PRIMARY KEY,
  source_id uuid NOT NULL REFERENCES clients (id),
  target_id uuid NOT NULL REFERENCES clients (id),
  source_status text NOT NULL,
  moved jsonb NOT NULL,
  reason text NOT NULL,
  merged_by uuid,
  merged_at timestamptz NOT NULL,
  undone_by uuid,
  undone_at timestamptz
);
CREATE INDEX client_merges_source_idx ON client_merges (source_id);
