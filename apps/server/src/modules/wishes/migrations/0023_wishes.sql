-- Micro-wishes (微心愿, issue 11): a resident's small wish (or one staff post for a client with consent), reviewed,
-- published on the community's wall, claimed by exactly one partner organisation or volunteer (one conditional UPDATE),
-- fulfilled with photos, confirmed by the beneficiary and thanked in public once staff approve the words.
-- area_code is the community (scope; area merges re-code it).
CREATE SEQUENCE wish_number_seq;

CREATE TABLE wishes (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  number text NOT NULL UNIQUE,
  title text NOT NULL,
  public_text text NOT NULL,
  estimated_value integer NOT NULL CHECK (estimated_value BETWEEN 0 AND 2000),
  status text NOT NULL CHECK (status IN ('submitted', 'published', 'claimed', 'fulfilled', 'confirmed', 'rejected',
    'withdrawn')),
  beneficiary_kind text NOT NULL CHECK (beneficiary_kind IN ('resident', 'client')),
  beneficiary_user_id uuid,
  beneficiary_name_enc text,
  beneficiary_name_masked text,
  beneficiary_phone_enc text,
  beneficiary_phone_masked text,
  consent_by uuid,
  consent_at timestamptz,
  reject_reason text,
  published_at timestamptz,
  claimant_kind text CHECK (claimant_kind IN ('organisation', 'volunteer')),
  claimant_organisation_id uuid,
  claimant_user_id uuid,
  claimed_at timestamptz,
  claim_expires_at timestamptz,
  fulfilment_note text,
  fulfilled_at timestamptz,
  confirmed_at timestamptz,
  confirmed_by uuid,
  thanks_text text,
  thanks_status text CHECK (thanks_status IN ('pending', 'approved', 'rejected')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- A wish posted by staff for someone records who agreed and when; a resident's own needs no such record.
  CHECK (beneficiary_kind = 'resident' AND beneficiary_user_id IS NOT NULL OR consent_at IS NOT NULL),
  CHECK ((status IN ('claimed', 'fulfilled', 'confirmed')) = (claimant_kind IS NOT NULL))
);
CREATE INDEX wishes_area_idx ON wishes (area_code text_pattern_ops, status, created_at);
CREATE INDEX wishes_claim_expiry_idx ON wishes (claim_expires_at) WHERE status = 'claimed';
CREATE INDEX wishes_claimant_org_idx ON wishes (claimant_organisation_id) WHERE claimant_organisation_id IS NOT NULL;
CREATE INDEX wishes_claimant_user_idx ON wishes (claimant_user_id) WHERE claimant_user_id IS NOT NULL;
CREATE INDEX wishes_beneficiary_idx ON wishes (beneficiary_user_id) WHERE beneficiary_user_id IS NOT NULL;

CREATE TABLE wish_events (
  id uuid PRIMARY KEY,
  -- Steps within one transaction share their timestamp: the history's order is the order they were written.
  seq bigserial NOT NULL,
  wish_id uuid NOT NULL REFERENCES wishes (id),
  area_code text NOT NULL REFERENCES areas (code),
  kind text NOT NULL,
  note text,
  actor_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX wish_events_wish_idx ON wish_events (wish_id, seq);
CREATE INDEX wish_events_area_idx ON wish_events (area_code text_pattern_ops);

CREATE TABLE wish_photos (
  id uuid PRIMARY KEY,
  wish_id uuid NOT NULL REFERENCES wishes (id),
  area_code text NOT NULL REFERENCES areas (code),
  position integer NOT NULL,
  storage_key text NOT NULL,
  content_type text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX wish_photos_wish_idx ON wish_photos (wish_id, position);
CREATE INDEX wish_photos_area_idx ON wish_photos (area_code text_pattern_ops);

GRANT SELECT, INSERT, UPDATE, DELETE ON wishes, wish_events, wish_photos TO linli_app;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE wish_number_seq, wish_events_seq_seq TO linli_app;
