-- Service hours (志愿服务时长, issue 12), kept under 民政部令第67号 "谁组织谁记录，谁记录谁证明": an append-only ledger of
-- entries booked by the organising community (area_code), self-reported claims staff approve or decline, star levels
-- per district, and service certificates (志愿服务记录证明, 民发〔2015〕149号) with a public verification code.

-- The ledger. A credit has positive minutes; a correction is a reversing entry (negative minutes, reverses_entry_id
-- set, at most one per entry), never an edit: the original stays.
CREATE TABLE hour_entries (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  volunteer_id uuid NOT NULL,
  minutes integer NOT NULL CHECK (minutes <> 0 AND minutes BETWEEN -100000 AND 100000),
  source text NOT NULL CHECK (source IN ('activity', 'self_report', 'correction')),
  activity_id uuid,
  participation_id uuid,
  claim_id uuid,
  service_date date NOT NULL,
  content text NOT NULL,
  activity_type text NOT NULL,
  organiser_name text NOT NULL,
  confirmed_by uuid NOT NULL,
  reverses_entry_id uuid REFERENCES hour_entries (id),
  reason text,
  created_at timestamptz NOT NULL,
  CHECK ((reverses_entry_id IS NULL) = (minutes > 0)),
  CHECK (reverses_entry_id IS NULL OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX hour_entries_participation_uq ON hour_entries (participation_id)
  WHERE participation_id IS NOT NULL AND minutes > 0;
CREATE UNIQUE INDEX hour_entries_claim_uq ON hour_entries (claim_id) WHERE claim_id IS NOT NULL AND minutes > 0;
CREATE UNIQUE INDEX hour_entries_reverses_uq ON hour_entries (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;
CREATE INDEX hour_entries_area_idx ON hour_entries (area_code text_pattern_ops, service_date);
CREATE INDEX hour_entries_volunteer_idx ON hour_entries (volunteer_id, service_date);
CREATE INDEX hour_entries_activity_idx ON hour_entries (activity_id) WHERE activity_id IS NOT NULL;

-- Append-only in the database: no DELETE, no UPDATE, except an area merge re-coding area_code (and nothing else).
CREATE FUNCTION hour_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'area_code') = (to_jsonb(OLD) - 'area_code') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hour_entries is append-only: book a reversing entry instead';
END $$;
CREATE TRIGGER hour_entries_append_only BEFORE UPDATE OR DELETE ON hour_entries
  FOR EACH ROW EXECUTE FUNCTION hour_entries_append_only();
CREATE TRIGGER hour_entries_no_truncate BEFORE TRUNCATE ON hour_entries
  FOR EACH STATEMENT EXECUTE FUNCTION hour_entries_append_only();

-- Self-reported hours for service outside an activity: staff approve (→ an entry) or decline, with a note.
-- area_code is the volunteer's home community, whose staff decide.
CREATE TABLE hour_claims (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  volunteer_id uuid NOT NULL,
  service_date date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  content text NOT NULL,
  place text NOT NULL,
  organiser_name text NOT NULL,
  activity_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
  decision_note text,
  decided_by uuid,
  decided_at timestamptz,
  entry_id uuid REFERENCES hour_entries (id),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'approved') = (entry_id IS NOT NULL))
);
CREATE INDEX hour_claims_area_idx ON hour_claims (area_code text_pattern_ops, status, created_at);
CREATE INDEX hour_claims_volunteer_idx ON hour_claims (volunteer_id, created_at);

-- Star thresholds per district (area_code = the district), in hours for stars 1..5; none → the defaults.
CREATE TABLE hour_star_rules (
  area_code text PRIMARY KEY REFERENCES areas (code),
  thresholds integer[] NOT NULL CHECK (cardinality(thresholds) = 5),
  preset text NOT NULL,
  updated_by uuid NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX hour_star_rules_area_idx ON hour_star_rules (area_code text_pattern_ops);

-- Star awards and revocations (a reversal below a threshold records 'revoked', the award stays in the history).
-- area_code is the volunteer's home community.
CREATE TABLE hour_star_events (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  volunteer_id uuid NOT NULL,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 5),
  kind text NOT NULL CHECK (kind IN ('awarded', 'revoked')),
  threshold_hours integer NOT NULL,
  total_minutes integer NOT NULL,
  entry_id uuid NOT NULL REFERENCES hour_entries (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX hour_star_events_volunteer_idx ON hour_star_events (volunteer_id, created_at);
CREATE INDEX hour_star_events_area_idx ON hour_star_events (area_code text_pattern_ops);

-- Who signs a community's certificates (负责人, 经办人, 联系电话); area_code is the community.
CREATE TABLE hour_issuers (
  area_code text PRIMARY KEY REFERENCES areas (code),
  person_in_charge text NOT NULL,
  handler_name text NOT NULL,
  contact_phone text NOT NULL,
  updated_by uuid NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX hour_issuers_area_idx ON hour_issuers (area_code text_pattern_ops);

-- Service certificates (志愿服务记录证明). The verification code is printed on the PDF and checked on the public page.
CREATE SEQUENCE hour_certificate_seq;
CREATE TABLE hour_certificates (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  volunteer_id uuid NOT NULL,
  number text NOT NULL UNIQUE,
  verify_code text NOT NULL UNIQUE,
  masked_name text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  total_minutes integer NOT NULL,
  entry_count integer NOT NULL,
  content_summary text NOT NULL,
  issuer_name text NOT NULL,
  person_in_charge text NOT NULL,
  handler_name text NOT NULL,
  contact_phone text NOT NULL,
  status text NOT NULL CHECK (status IN ('valid', 'revoked')),
  revoked_reason text,
  issued_by uuid NOT NULL,
  issued_at timestamptz NOT NULL
);
CREATE INDEX hour_certificates_area_idx ON hour_certificates (area_code text_pattern_ops, issued_at);
CREATE INDEX hour_certificates_volunteer_idx ON hour_certificates (volunteer_id, issued_at);

GRANT SELECT, INSERT ON hour_entries TO linli_app;
GRANT UPDATE (area_code) ON hour_entries TO linli_app;
GRANT SELECT, INSERT, UPDATE ON hour_claims, hour_star_rules, hour_issuers, hour_certificates TO linli_app;
GRANT SELECT, INSERT ON hour_star_events TO linli_app;
GRANT UPDATE (area_code) ON hour_star_events TO linli_app;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE hour_certificate_seq TO linli_app;
