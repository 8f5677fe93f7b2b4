-- Audit tables behind database roles (ADR 0006, finding F7).
--
--  linli_audit  owns audit_log, audit_chain_head and audit_pending, and the three SECURITY DEFINER functions below.
--  linli_app    what the server runs as (every pooled connection logs in with `-c role=linli_app`; PGlite does
--               SET ROLE after migrating): DML on every other table, only SELECT on the audit tables, and rows reach
--               the outbox only through audit_enqueue(), which stamps the database's receive time and role.
-- Both are NOLOGIN. Roles are cluster-wide and test databases migrate in parallel, so creation tolerates a
-- concurrent creator (duplicate_object, or unique_violation on the catalog index). The migrating role must be a
-- superuser or have CREATEROLE.
DO $$
BEGIN
  CREATE ROLE linli_audit NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  CREATE ROLE linli_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- A non-superuser migrator must be able to hand objects to linli_audit and to log in as linli_app.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'linli_audit', 'MEMBER') THEN
    EXECUTE format('GRANT linli_audit TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'linli_app', 'MEMBER') THEN
    EXECUTE format('GRANT linli_app TO %I', current_user);
  END IF;
EXCEPTION WHEN unique_violation THEN NULL;
END $$;

-- In the schema the migrations create their tables in. ALTER ... OWNER TO by a non-superuser needs the new owner to
-- be able to create there.
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO linli_app, linli_audit', current_schema());
  EXECUTE format('GRANT CREATE ON SCHEMA %I TO linli_audit', current_schema());
END $$;

-- What the database stamps on each row when it receives it; covered by the chain hash from here on. Rows sealed
-- before this migration have neither (NULL), and their hash is computed without them.
ALTER TABLE audit_pending ADD COLUMN received_at timestamptz, ADD COLUMN db_role text;
ALTER TABLE audit_log ADD COLUMN received_at timestamptz, ADD COLUMN db_role text;

-- Reads are now written before their response leaves (finding F8), so the outbox insert is on the request path. A
-- list read names thousands of ids (random UUIDs): pglz spends ~2 ms per such row failing to compress them. Store
-- the id lists uncompressed (out of line when large) in both tables.
ALTER TABLE audit_pending ALTER COLUMN object_ids SET STORAGE EXTERNAL;
ALTER TABLE audit_log ALTER COLUMN object_ids SET STORAGE EXTERNAL;

-- Pending rows leave only through audit_seal() (which runs as linli_audit); the linli.audit_sealing setting of
-- migration 0009 no longer opens anything. Statement-level: one check per statement, not per row.
DROP TRIGGER audit_pending_guard ON audit_pending;
CREATE OR REPLACE FUNCTION audit_pending_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user = 'linli_audit' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_pending rows are moved only by the audit sealer';
END $$;
CREATE TRIGGER audit_pending_guard BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_pending
  FOR EACH STATEMENT EXECUTE FUNCTION audit_pending_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The only way in: one call per batch, one array per column (array-typed columns as array literals), like
-- insertColumnar(). `at` is the event time the application claims; received_at and db_role are the database's own.
CREATE FUNCTION audit_enqueue(
  p_at timestamptz[], p_actor_id uuid[], p_actor_name text[], p_role text[], p_area_codes text[], p_action text[],
  p_object_type text[], p_object_ids text[], p_fields text[], p_result text[], p_ip text[], p_request_id text[],
  p_detail text[]
) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  -- Milliseconds, like every time the chain hashes: it must round-trip through JavaScript dates exactly.
  v_received timestamptz := date_trunc('milliseconds', clock_timestamp());
  -- The login role, and the role it had switched to (SET ROLE / -c role=) when it called.
  v_role text := session_user::text || coalesce('/' || nullif(current_setting('role'), 'none'), '');
BEGIN
  INSERT INTO audit_pending (at, actor_id, actor_name, role, area_codes, action, object_type, object_ids, fields,
                             result, ip, request_id, detail, received_at, db_role)
  SELECT u.at, u.actor_id, u.actor_name, u.role, coalesce(u.area_codes::text[], '{}'), u.action, u.object_type,
         coalesce(u.object_ids::text[], '{}'), coalesce(u.fields::text[], '{}'), u.result, u.ip, u.request_id, u.detail,
         v_received, v_role
  FROM unnest(p_at, p_actor_id, p_actor_name, p_role, p_area_codes, p_action, p_object_type, p_object_ids, p_fields,
              p_result, p_ip, p_request_id, p_detail)
    AS u(at, actor_id, actor_name, role, area_codes, action, object_type, object_ids, fields, result, ip, request_id, detail);
END $$;

-- Sealing, step 1: locks the chain head for the rest of the caller's transaction and returns the oldest pending
-- rows with the head they will follow. The caller computes the HMACs (the key never enters the database).
CREATE FUNCTION audit_seal_begin(p_limit integer)
RETURNS TABLE (
  head_seq bigint, head_hash text, id bigint, at timestamptz, actor_id uuid, actor_name text, role text,
  area_codes text[], action text, object_type text, object_ids text[], fields text[], result text, ip text,
  request_id text, detail text, received_at timestamptz, db_role text
) LANGUAGE plpgsql SECURITY DEFINER AS $$
#variable_conflict use_column
DECLARE
  h record;
BEGIN
  SELECT c.last_seq, c.last_hash INTO h FROM audit_chain_head c WHERE c.id = 1 FOR UPDATE;
  RETURN QUERY
    SELECT h.last_seq, h.last_hash, p.id, p.at, p.actor_id, p.actor_name, p.role, p.area_codes, p.action,
           p.object_type, p.object_ids, p.fields, p.result, p.ip, p.request_id, p.detail, p.received_at, p.db_role
    FROM audit_pending p ORDER BY p.id LIMIT p_limit;
END $$;

-- Sealing, step 2: moves exactly these pending rows (content copied by the database, not sent back by the caller)
-- into the chain after the head, in the order given, with the caller's hashes, and moves the head. A row can leave
-- the outbox only into the chain; a wrong hash is found by `audit verify`, a missing row fails the whole call.
CREATE FUNCTION audit_seal(p_ids bigint[], p_hashes text[]) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  h record;
  want integer := coalesce(cardinality(p_ids), 0);
  n integer;
BEGIN
  IF want = 0 OR want <> coalesce(cardinality(p_hashes), -1) THEN
    RAISE EXCEPTION 'audit_seal: % ids and % hashes', want, coalesce(cardinality(p_hashes), 0);
  END IF;
  SELECT c.last_seq, c.last_hash INTO h FROM audit_chain_head c WHERE c.id = 1 FOR UPDATE;
  WITH batch AS (
    SELECT u.id, u.hash, u.ord::integer AS ord FROM unnest(p_ids, p_hashes) WITH ORDINALITY AS u(id, hash, ord)
  ), moved AS (
    DELETE FROM audit_pending p USING batch b WHERE p.id = b.id
    RETURNING p.at, p.actor_id, p.actor_name, p.role, p.area_codes, p.action, p.object_type, p.object_ids, p.fields,
              p.result, p.ip, p.request_id, p.detail, p.received_at, p.db_role, b.hash, b.ord
  )
  INSERT INTO audit_log (seq, at, actor_id, actor_name, role, area_codes, action, object_type, object_ids, fields,
                         result, ip, request_id, detail, received_at, db_role, prev_hash, hash)
  SELECT h.last_seq + m.ord, m.at, m.actor_id, m.actor_name, m.role, m.area_codes, m.action, m.object_type,
         m.object_ids, m.fields, m.result, m.ip, m.request_id, m.detail, m.received_at, m.db_role,
         CASE WHEN m.ord = 1 THEN h.last_hash ELSE p_hashes[m.ord - 1] END, m.hash
  FROM moved m;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> want THEN
    RAISE EXCEPTION 'audit_seal: % of % rows are pending', n, want;
  END IF;
  UPDATE audit_chain_head c SET last_seq = h.last_seq + n, last_hash = p_hashes[n] WHERE c.id = 1;
  RETURN h.last_seq + n;
END $$;

ALTER TABLE audit_log OWNER TO linli_audit;
ALTER TABLE audit_chain_head OWNER TO linli_audit;
ALTER TABLE audit_pending OWNER TO linli_audit; -- its id sequence follows
ALTER FUNCTION audit_enqueue(timestamptz[], uuid[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) OWNER TO linli_audit;
ALTER FUNCTION audit_seal_begin(integer) OWNER TO linli_audit;
ALTER FUNCTION audit_seal(bigint[], text[]) OWNER TO linli_audit;
REVOKE ALL ON FUNCTION audit_enqueue(timestamptz[], uuid[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_seal_begin(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_seal(bigint[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_enqueue(timestamptz[], uuid[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) TO linli_app;
GRANT EXECUTE ON FUNCTION audit_seal_begin(integer) TO linli_app;
GRANT EXECUTE ON FUNCTION audit_seal(bigint[], text[]) TO linli_app;

-- The application role's privileges. The definer functions resolve names in the migrations' schema only, with
-- pg_temp last, so a caller's temporary table cannot stand in for an audit table.
DO $$
DECLARE
  s text := current_schema();
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO linli_app', s);
  EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO linli_app', s);
  -- Tables and sequences later migrations create (as this same role) get the same; see CONTRIBUTING.md.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO linli_app', s);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO linli_app', s);
  EXECUTE format('ALTER FUNCTION audit_enqueue(timestamptz[], uuid[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) SET search_path = %I, pg_temp', s);
  EXECUTE format('ALTER FUNCTION audit_seal_begin(integer) SET search_path = %I, pg_temp', s);
  EXECUTE format('ALTER FUNCTION audit_seal(bigint[], text[]) SET search_path = %I, pg_temp', s);
END $$;
-- The audit tables: read-only for the application. The migration ledger: read-only too (the server checks it).
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain_head, audit_pending FROM linli_app;
REVOKE ALL ON SEQUENCE audit_pending_id_seq FROM linli_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM linli_app;
