-- Fixes for the findings of the external security assessment (docs/security.md).

-- F3: an unmasked export is bounded by the areas it was requested for (the requester's jurisdiction narrowed by the
-- filter) and by the approver's jurisdiction at the decision. The approval screen shows the areas and an estimate.
ALTER TABLE export_requests ADD COLUMN scope_prefixes text[];
ALTER TABLE export_requests ADD COLUMN approver_prefixes text[];
ALTER TABLE export_requests ADD COLUMN estimated_rows integer;
-- Requests made before this change were bounded by their community only.
UPDATE export_requests SET scope_prefixes = ARRAY[area_code] WHERE scope_prefixes IS NULL;
ALTER TABLE export_requests ALTER COLUMN scope_prefixes SET NOT NULL;

-- F6: accounts created by the system administrator wait for a business supervisor of their area (or, for
-- administrator accounts, the security administrator), who issues the one-time first password.
ALTER TABLE users DROP CONSTRAINT users_status_check;
ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('pending', 'active', 'disabled'));
-- Resetting an administrator's second factor takes two administrators: one asks, another confirms.
ALTER TABLE users ADD COLUMN totp_reset_requested_by uuid REFERENCES users (id);
ALTER TABLE users ADD COLUMN totp_reset_requested_at timestamptz;

-- F4: masked ID numbers keep the first 3 characters and the check character only (was: first 3 and last 4).
UPDATE clients SET id_number_masked = left(id_number_masked, 3) || repeat('*', length(id_number_masked) - 4) || right(id_number_masked, 1)
  WHERE id_number_masked IS NOT NULL AND length(id_number_masked) >= 8;
