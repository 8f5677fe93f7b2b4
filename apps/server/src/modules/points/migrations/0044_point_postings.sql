-- Love-bank statements on one shard group (issue 14). A statement read an account's transfers by
-- `from_account = $1 OR to_account = $1`: on a Citus cluster one task per shard, because a transfer lives in one
-- community (its area_code) while its two accounts may lie in two (a volunteer of community A redeeming at community
-- B's supermarket). The usual double-entry shape keeps each account's side with the account: one posting per account
-- and transfer, under the ACCOUNT's community (area_code, the distribution column: the same shard group as the
-- account row), signed from the account's side, with what a statement shows (kind, the counterpart's kind, memo,
-- reference, time). Postings are written with their transfer in its transaction (points-ledger.repository.ts) and
-- are append-only like it; statements and totals read them. No foreign keys: the transfer and the counterpart account
-- may live in another community (a cross-shard key Citus cannot keep; the ledger check compares them instead).
CREATE TABLE point_postings (
  area_code text NOT NULL,
  account_id uuid NOT NULL,
  transfer_id uuid NOT NULL,
  points bigint NOT NULL CHECK (points <> 0),
  kind text NOT NULL CHECK (kind IN ('earn', 'redeem', 'return', 'reverse', 'adjust')),
  counterpart_kind text NOT NULL CHECK (counterpart_kind IN ('issuer', 'volunteer', 'supermarket')),
  memo text NOT NULL,
  ref_type text NOT NULL,
  ref_id text NOT NULL,
  reverses_transfer_id uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (area_code, account_id, transfer_id)
);
-- A statement's page, newest first, and its totals.
CREATE INDEX point_postings_statement_idx ON point_postings (area_code, account_id, created_at DESC, transfer_id DESC);

-- Append-only as the transfers are: an area merge re-codes area_code (one PostgreSQL) or, on a Citus cluster, moves
-- the rows of a community already marked merged (0038's rule for point_transfers).
CREATE FUNCTION point_postings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'area_code') = (to_jsonb(OLD) - 'area_code') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus')
       AND EXISTS (SELECT 1 FROM areas WHERE code = OLD.area_code AND status = 'merged') THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'point_postings is append-only';
END;
$$;
CREATE TRIGGER point_postings_no_change BEFORE UPDATE OR DELETE ON point_postings
  FOR EACH ROW EXECUTE FUNCTION point_postings_append_only();

-- The existing ledger, both sides of every transfer (after the function: on a Citus cluster a function is created
-- before any statement that reads many shards in the transaction, or Citus refuses it).
INSERT INTO point_postings (area_code, account_id, transfer_id, points, kind, counterpart_kind, memo, ref_type, ref_id,
  reverses_transfer_id, created_at)
SELECT a.area_code, a.id, t.id, t.points, t.kind, c.kind, t.memo, t.ref_type, t.ref_id, t.reverses_transfer_id, t.created_at
FROM point_transfers t
JOIN point_accounts a ON a.id = t.to_account
JOIN point_accounts c ON c.id = t.from_account
UNION ALL
SELECT a.area_code, a.id, t.id, -t.points, t.kind, c.kind, t.memo, t.ref_type, t.ref_id, t.reverses_transfer_id, t.created_at
FROM point_transfers t
JOIN point_accounts a ON a.id = t.from_account
JOIN point_accounts c ON c.id = t.to_account;
