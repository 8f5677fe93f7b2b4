-- Client status with a resume date, and a history of changes to a client (status, reassignment, edits by field name).
ALTER TABLE clients ADD COLUMN resume_on date;

CREATE TABLE client_events (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  kind text NOT NULL CHECK (kind IN ('updated', 'status', 'reassigned')),
  detail jsonb NOT NULL,
  actor_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX client_events_client_idx ON client_events (client_id, at);
