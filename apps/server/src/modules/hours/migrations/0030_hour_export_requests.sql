-- The national CSV with full ID numbers needs an approval (R-18), as care's unmasked exports do (export_requests):
-- a request with its filter (area, period) and reason, the areas it may contain, a decision by someone else holding
-- all of them, a download window, and the row count once downloaded (one download).
CREATE TABLE hour_export_requests (
  id uuid PRIMARY KEY,
  requester_id uuid NOT NULL REFERENCES users (id),
  area_code text NOT NULL,
  filter jsonb NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'downloaded')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_note text,
  expires_at timestamptz,
  downloaded_at timestamptz,
  row_count integer,
  created_at timestamptz NOT NULL,
  scope_prefixes text[] NOT NULL,
  approver_prefixes text[],
  estimated_rows integer,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'downloaded' OR downloaded_at IS NOT NULL),
  CHECK (decided_by IS NULL OR decided_by <> requester_id)
);
CREATE INDEX hour_export_requests_area_idx ON hour_export_requests (area_code text_pattern_ops, status);
CREATE INDEX hour_export_requests_requester_idx ON hour_export_requests (requester_id, created_at);

GRANT SELECT, INSERT, UPDATE ON hour_export_requests TO linli_app;
