-- One love-bank account per owner, with its community in the key too (issue 14): on Citus the province-wide
-- (kind, owner_id) index becomes a plain one (src/db/distribution.ts), and an account's creation keeps its
-- ON CONFLICT DO NOTHING against this index on every engine. On one PostgreSQL it holds no more than the first.
CREATE UNIQUE INDEX point_accounts_area_kind_owner_key ON point_accounts (area_code, kind, owner_id);
