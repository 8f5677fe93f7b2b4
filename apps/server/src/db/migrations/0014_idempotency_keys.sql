-- Idempotency keys (platform/idempotency.ts): an unsafe request sent with `Idempotency-Key` runs once per user and key;
-- a repeat (a double click, a retry after a lost answer) gets the first answer back. Kept 24 hours. The stored answer
-- may hold personal data, so it is encrypted with the field key.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  status integer,
  content_type text,
  body_enc text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
