-- Love-bank points (爱心积分, issue 12): a double-entry ledger. Every movement is one row of point_transfers between
-- two accounts; an account's balance is a cache of Σin − Σout, changed only by the ledger code in the transfer's
-- transaction. Transfers are append-only (a trigger refuses UPDATE and DELETE; only an area merge may re-code
-- area_code). Only issuer accounts (one per community) go below zero: they have issued what they owe.
CREATE TABLE point_accounts (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('issuer', 'volunteer', 'supermarket')),
  owner_id text NOT NULL,
  balance bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  UNIQUE (kind, owner_id),
  CONSTRAINT point_accounts_not_negative CHECK (kind = 'issuer' OR balance >= 0)
);
CREATE INDEX point_accounts_area_idx ON point_accounts (area_code text_pattern_ops, kind);

CREATE TABLE point_transfers (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  from_account uuid NOT NULL REFERENCES point_accounts (id),
  to_account uuid NOT NULL REFERENCES point_accounts (id),
  points bigint NOT NULL CHECK (points > 0),
  kind text NOT NULL CHECK (kind IN ('earn', 'redeem', 'return', 'reverse', 'adjust')),
  ref_type text NOT NULL,
  ref_id text NOT NULL,
  memo text NOT NULL,
  reverses_transfer_id uuid REFERENCES point_transfers (id),
  created_by uuid,
  created_at timestamptz NOT NULL,
  CHECK (from_account <> to_account),
  UNIQUE (kind, ref_type, ref_id)
);
CREATE INDEX point_transfers_area_idx ON point_transfers (area_code text_pattern_ops, created_at);
CREATE INDEX point_transfers_from_idx ON point_transfers (from_account, created_at);
CREATE INDEX point_transfers_to_idx ON point_transfers (to_account, created_at);

CREATE FUNCTION point_transfers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'area_code') = (to_jsonb(OLD) - 'area_code') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'point_transfers is append-only';
END;
$$;
CREATE TRIGGER point_transfers_no_change BEFORE UPDATE OR DELETE ON point_transfers
  FOR EACH ROW EXECUTE FUNCTION point_transfers_append_only();

-- Earning rules per DISTRICT (area_code = the district's code), versioned by the date they take effect: the rule in
-- force on an hours entry's service date applies. Rows are never edited: a change is a new version.
CREATE TABLE point_rules (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  effective_from date NOT NULL,
  points_per_hour integer NOT NULL CHECK (points_per_hour >= 0 AND points_per_hour <= 1000),
  type_rates jsonb NOT NULL DEFAULT '{}'::jsonb,
  monthly_cap integer NOT NULL CHECK (monthly_cap >= 0 AND monthly_cap <= 100000),
  note text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL,
  UNIQUE (area_code, effective_from)
);
CREATE INDEX point_rules_area_idx ON point_rules (area_code text_pattern_ops, effective_from);

-- How each hours entry was turned into points (the calculation kept beside the transfer): one row per entry, the
-- rate and the cap that applied, the points earned (negative for a reversal) and, for a reversal, the points the
-- volunteer had already spent and could not be taken back (shortfall).
CREATE TABLE point_earnings (
  entry_id uuid PRIMARY KEY,
  area_code text NOT NULL,
  district_code text NOT NULL,
  volunteer_id uuid NOT NULL,
  month text NOT NULL,
  minutes integer NOT NULL,
  activity_type text NOT NULL,
  rate integer NOT NULL,
  points_due integer NOT NULL,
  points integer NOT NULL,
  shortfall integer NOT NULL DEFAULT 0,
  capped boolean NOT NULL DEFAULT false,
  reverses_entry_id uuid,
  transfer_id uuid REFERENCES point_transfers (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX point_earnings_area_idx ON point_earnings (area_code text_pattern_ops, created_at);
CREATE INDEX point_earnings_cap_idx ON point_earnings (volunteer_id, district_code, month);
CREATE UNIQUE INDEX point_earnings_one_reversal ON point_earnings (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;
