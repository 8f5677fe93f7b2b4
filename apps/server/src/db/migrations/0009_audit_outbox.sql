-- Audit outbox (ADR 0005). Requests write their audit rows to `audit_pending` inside their own transaction (an
-- insert, no lock); a sealer in the server moves them into the HMAC chain (`audit_log`) in batches, holding the
-- chain head's lock once per batch instead of once per request. Until sealed (normally within 200 ms) a row is
-- protected by the trigger below but not yet by the chain.
CREATE TABLE audit_pending (
  id bigserial PRIMARY KEY,
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
  detail text
);

-- Never updated; deleted only by the sealer, which marks its transaction first.
CREATE FUNCTION audit_pending_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('linli.audit_sealing', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_pending rows are moved only by the audit sealer';
END $$;

CREATE TRIGGER audit_pending_guard BEFORE UPDATE OR DELETE ON audit_pending
  FOR EACH ROW EXECUTE FUNCTION audit_pending_guard();
