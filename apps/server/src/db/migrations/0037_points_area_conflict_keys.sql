-- ON CONFLICT targets that hold on every engine (issue 14). On Citus a unique index must include area_code, the
-- distribution column, so the province-wide keys below become per-community there (src/db/distribution.ts) and an
-- INSERT … ON CONFLICT naming the old columns finds no index. These carry the community too: a transfer's community
-- follows from its ref (the redemption, the hour entry), an earning's from its entry, so on one PostgreSQL they hold
-- no more than the keys they sit beside, which stay.
CREATE UNIQUE INDEX point_transfers_area_ref_key ON point_transfers (area_code, kind, ref_type, ref_id);
CREATE UNIQUE INDEX point_earnings_area_entry_key ON point_earnings (area_code, entry_id);
