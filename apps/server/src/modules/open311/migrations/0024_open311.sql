-- Open311 GeoReport v2 (issue 11): the API keys issued to partner systems, and their per-minute counters.
-- A key is stored as its first characters (to recognise it) and an HMAC of the whole key (keyed with the server's
-- blind-index key, so a copy of the database alone cannot test guesses); the key itself is shown once at creation.
CREATE TABLE open311_api_keys (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  name text NOT NULL,
  key_prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  rate_limit_per_minute integer NOT NULL CHECK (rate_limit_per_minute BETWEEN 1 AND 600),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX open311_api_keys_area_idx ON open311_api_keys (area_code text_pattern_ops, created_at);

-- One row per key and minute, counted by one upsert: every server process shares the count (an in-memory limiter
-- would let N processes allow N times the limit). Old minutes are deleted now and then.
CREATE TABLE open311_rate_windows (
  api_key_id uuid NOT NULL REFERENCES open311_api_keys (id),
  area_code text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (api_key_id, window_start)
);
CREATE INDEX open311_rate_windows_start_idx ON open311_rate_windows (window_start);
