-- Unmasked ledger exports need an approval (R-18): a request with its filter and reason, a decision by someone
-- else, a download window, and the row count once downloaded.
CREATE TABLE export_requests (
  id uuid PRIMARY KEY,
  requester_id uuid NOT NULL REFERENCES users (id),
  area_code text NOT NULL,
  filter jsonb NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'downloaded', 'expired')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_note text,
  expires_at timestamptz,
  downloaded_at timestamptz,
  row_count integer,
  created_at timestamptz NOT NULL
);
CREATE INDEX export_requests_area_idx ON export_requests (area_code text_pattern_ops, status);
CREATE INDEX export_requests_requester_idx ON export_requests (requester_id, created_at);
