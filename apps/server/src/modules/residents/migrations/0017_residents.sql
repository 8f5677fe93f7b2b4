-- Residents (issue 10, part 3): the mobile entry's accounts, one-time codes, link requests and the notice board.
-- A resident's account is a users row with the role 'resident'; this table holds what only residents have. The
-- phone's blind index is unique here, so one phone has at most one resident account.
CREATE TABLE resident_profiles (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  area_code text NOT NULL,
  phone_bidx text NOT NULL UNIQUE,
  consent_version text NOT NULL,
  consented_at timestamptz NOT NULL,
  elder_mode boolean NOT NULL DEFAULT false,
  client_id uuid,
  linked_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX resident_profiles_area_idx ON resident_profiles (area_code text_pattern_ops);

-- One-time codes sent by SMS: only an HMAC of the code is stored; the phone and the asking IP as keyed digests.
-- Rate limits count these rows, so every server process sees the same counts.
CREATE TABLE otp_codes (
  id uuid PRIMARY KEY,
  phone_bidx text NOT NULL,
  ip_key text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('signup', 'reset')),
  code_hmac text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX otp_codes_phone_idx ON otp_codes (phone_bidx, created_at);
CREATE INDEX otp_codes_ip_idx ON otp_codes (ip_key, created_at);

CREATE TABLE resident_link_requests (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  area_code text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
  client_id uuid,
  reason text,
  requested_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz
);
CREATE UNIQUE INDEX resident_link_requests_pending_idx ON resident_link_requests (user_id) WHERE status = 'pending';
CREATE INDEX resident_link_requests_area_idx ON resident_link_requests (area_code text_pattern_ops, requested_at);

CREATE TABLE notices (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
  published_at timestamptz,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX notices_area_idx ON notices (area_code text_pattern_ops, created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON resident_profiles, otp_codes, resident_link_requests, notices TO linli_app;
