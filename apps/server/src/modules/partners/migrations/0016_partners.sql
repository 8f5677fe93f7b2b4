-- Partner accounts and referrals addressed to the partner register (issue 10 part 2, and part 1's "referrals pick
-- the provider from the register"). A partner member is a users row holding the role 'partner_member' and the
-- organisation it belongs to; it holds no area (its scope is its organisation, never a jurisdiction). A referral
-- names the organisation it is sent to, or none for "其他" (free-text provider_name / provider_type, as before).
ALTER TABLE users ADD COLUMN organisation_id uuid REFERENCES organisations (id);
CREATE INDEX users_organisation_idx ON users (organisation_id) WHERE organisation_id IS NOT NULL;

ALTER TABLE referrals ADD COLUMN organisation_id uuid REFERENCES organisations (id);
CREATE INDEX referrals_organisation_idx ON referrals (organisation_id, sent_at) WHERE organisation_id IS NOT NULL;
