-- The charity supermarket (慈善超市, issue 12). Every table carries its community's area code (scope, and the future
-- distribution key); the application role gets its privileges through the default privileges of migration 0010.
-- Stock is a cached count on the item, changed only together with a row of the append-only stock ledger; points move
-- through the points module's double-entry ledger (the supermarket's own account).
CREATE TABLE supermarkets (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  name text NOT NULL,
  address text NOT NULL DEFAULT '',
  opening_hours text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX supermarkets_area_idx ON supermarkets (area_code text_pattern_ops, created_at);

CREATE TABLE supermarket_items (
  id uuid PRIMARY KEY,
  supermarket_id uuid NOT NULL REFERENCES supermarkets (id),
  area_code text NOT NULL,
  name text NOT NULL,
  category text NOT NULL,
  unit text NOT NULL,
  price_points integer NOT NULL CHECK (price_points > 0),
  stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  active boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX supermarket_items_area_idx ON supermarket_items (area_code text_pattern_ops, created_at);
CREATE INDEX supermarket_items_market_idx ON supermarket_items (supermarket_id, name);

-- One row per redemption (counter or reservation); the id is made by the client once per cart, so a submission sent
-- twice meets its own first booking.
CREATE TABLE supermarket_redemptions (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  supermarket_id uuid NOT NULL REFERENCES supermarkets (id),
  volunteer_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('counter', 'reservation')),
  status text NOT NULL CHECK (status IN ('reserved', 'collected', 'cancelled', 'returned')),
  total_points integer NOT NULL CHECK (total_points > 0),
  returned_points integer NOT NULL DEFAULT 0 CHECK (returned_points >= 0 AND returned_points <= total_points),
  transfer_id uuid,
  request_hash text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  collected_at timestamptz,
  collected_by uuid,
  cancelled_at timestamptz,
  cancelled_by uuid,
  cancel_reason text
);
CREATE INDEX supermarket_redemptions_area_idx ON supermarket_redemptions (area_code text_pattern_ops, created_at);
CREATE INDEX supermarket_redemptions_volunteer_idx ON supermarket_redemptions (volunteer_id, created_at);
CREATE INDEX supermarket_redemptions_market_idx ON supermarket_redemptions (supermarket_id, created_at);

CREATE TABLE supermarket_redemption_lines (
  redemption_id uuid NOT NULL REFERENCES supermarket_redemptions (id),
  item_id uuid NOT NULL REFERENCES supermarket_items (id),
  area_code text NOT NULL,
  item_name text NOT NULL,
  unit text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  price_points integer NOT NULL CHECK (price_points > 0),
  returned_quantity integer NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0 AND returned_quantity <= quantity),
  PRIMARY KEY (redemption_id, item_id)
);
CREATE INDEX supermarket_redemption_lines_area_idx ON supermarket_redemption_lines (area_code text_pattern_ops);

-- A return (or a cancelled reservation) gives goods and points back; its id is made by the client once per return.
CREATE TABLE supermarket_returns (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  redemption_id uuid NOT NULL REFERENCES supermarket_redemptions (id),
  points integer NOT NULL CHECK (points > 0),
  transfer_id uuid,
  reason text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX supermarket_returns_area_idx ON supermarket_returns (area_code text_pattern_ops, created_at);
CREATE INDEX supermarket_returns_redemption_idx ON supermarket_returns (redemption_id);

-- The stock ledger: append-only. Every change of an item's stock writes one row here in the same transaction.
CREATE TABLE supermarket_stock_movements (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  supermarket_id uuid NOT NULL REFERENCES supermarkets (id),
  item_id uuid NOT NULL REFERENCES supermarket_items (id),
  kind text NOT NULL CHECK (kind IN ('donation', 'redemption', 'return', 'adjustment')),
  quantity integer NOT NULL CHECK (quantity <> 0),
  stock_after integer NOT NULL CHECK (stock_after >= 0),
  donor_kind text CHECK (donor_kind IN ('person', 'organisation', 'anonymous')),
  donor_name text,
  organisation_id uuid,
  fund_reference text,
  note text,
  redemption_id uuid REFERENCES supermarket_redemptions (id),
  return_id uuid REFERENCES supermarket_returns (id),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX supermarket_stock_movements_area_idx ON supermarket_stock_movements (area_code text_pattern_ops, created_at);
CREATE INDEX supermarket_stock_movements_market_idx ON supermarket_stock_movements (supermarket_id, created_at);
CREATE INDEX supermarket_stock_movements_item_idx ON supermarket_stock_movements (item_id, created_at);

-- Append-only: rows are never edited or deleted. The one exception is an area merge re-coding area_code.
CREATE FUNCTION supermarket_stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'area_code') = (to_jsonb(OLD) - 'area_code') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'supermarket_stock_movements is append-only';
END;
$$;
CREATE TRIGGER supermarket_stock_movements_append_only BEFORE UPDATE OR DELETE ON supermarket_stock_movements
  FOR EACH ROW EXECUTE FUNCTION supermarket_stock_movements_append_only();

GRANT SELECT, INSERT, UPDATE, DELETE ON supermarkets, supermarket_items, supermarket_redemptions,
  supermarket_redemption_lines, supermarket_returns, supermarket_stock_movements TO linli_app;
