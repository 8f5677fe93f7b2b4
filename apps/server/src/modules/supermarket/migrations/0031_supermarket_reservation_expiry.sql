-- Reservations expire (慈善超市): each supermarket keeps a reservation made on /m for `reservation_days` days (1–60,
-- default 7); the hourly job supermarket.expire_reservations then gives an uncollected one back in full (stock and
-- points, like a cancellation) with the status 'expired'. The job is a system step: the return and stock ledger rows
-- it writes have no user, so created_by may be empty there (as in the points ledger).
ALTER TABLE supermarkets ADD COLUMN reservation_days integer NOT NULL DEFAULT 7
  CHECK (reservation_days BETWEEN 1 AND 60);

ALTER TABLE supermarket_redemptions DROP CONSTRAINT supermarket_redemptions_status_check;
ALTER TABLE supermarket_redemptions ADD CONSTRAINT supermarket_redemptions_status_check
  CHECK (status IN ('reserved', 'collected', 'cancelled', 'expired', 'returned'));

ALTER TABLE supermarket_returns ALTER COLUMN created_by DROP NOT NULL;
ALTER TABLE supermarket_stock_movements ALTER COLUMN created_by DROP NOT NULL;

-- What the job looks for: open reservations, oldest first.
CREATE INDEX supermarket_redemptions_reserved_idx ON supermarket_redemptions (created_at, id) WHERE status = 'reserved';
