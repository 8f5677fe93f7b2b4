-- Foundation: areas, users and roles, sessions, login throttling, audit log with hash chain.
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18): plain SQL, no extensions.

CREATE TABLE areas (
  code text PRIMARY KEY,
  parent_code text REFERENCES areas (code),
  level text NOT NULL CHECK (level IN ('district', 'street', 'community', 'grid')),
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
  merged_into text REFERENCES areas (code),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX areas_parent_idx ON areas (parent_code);
CREATE INDEX areas_code_prefix_idx ON areas (code text_pattern_ops);

CREATE TABLE area_changes (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'renamed', 'merged', 'imported')),
  before jsonb,
  after jsonb,
  actor_id uuid,
  actor_name text,
  at timestamptz NOT NULL
);
CREATE INDEX area_changes_area_idx ON area_changes (area_code, at);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  phone_enc text,
  phone_bidx text,
  password_hash text NOT NULL,
  password_changed_at timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  totp_secret_enc text,
  totp_pending_enc text,
  totp_last_step bigint,
  expires_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_phone_bidx ON users (phone_bidx);

CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE user_areas (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  area_code text NOT NULL REFERENCES areas (code),
  PRIMARY KEY (user_id, area_code)
);
CREATE INDEX user_areas_code_idx ON user_areas (area_code text_pattern_ops);

CREATE TABLE password_history (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX password_history_user_idx ON password_history (user_id, created_at);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  idle_seconds integer NOT NULL,
  ip text,
  user_agent text,
  current_area_code text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE auth_challenges (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('totp', 'totp_setup', 'password_change')),
  data jsonb,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL
);

-- Keyed by the normalised username typed at login, whether or not such a user exists,
-- so lockout answers are identical for unknown users.
CREATE TABLE login_throttle (
  username_key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  role text,
  area_codes text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  object_type text,
  object_ids text[] NOT NULL DEFAULT '{}',
  fields text[] NOT NULL DEFAULT '{}',
  result text NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
  ip text,
  request_id text,
  detail text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_name, at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);

CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, 'genesis');

-- The audit log is append-only for the application (R-17). Altering it needs the table owner to disable
-- this trigger first, and `linli audit verify` then finds the break through the HMAC chain.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
