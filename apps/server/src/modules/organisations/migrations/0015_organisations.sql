-- The partner register (issue 10 part 1): partner organisations and experts held by a community or street, the areas
-- they serve, their contact people (encrypted phone numbers), their history, and the regional alliances they belong to
-- (pact, rotating chair, commitments). Every table carries the holding area's code (scope; area merges re-code it).
CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  kind text NOT NULL CHECK (kind IN ('co_building_unit', 'social_organisation', 'community_social_organisation',
    'social_work_agency', 'social_work_station', 'caring_enterprise', 'merchant', 'property_company', 'expert')),
  subtype text,
  name text NOT NULL,
  name_pinyin text NOT NULL DEFAULT '',
  name_initials text NOT NULL DEFAULT '',
  uscc text,
  registration_authority text,
  registered_on date,
  address text,
  service_fields text[] NOT NULL DEFAULT '{}',
  rating text CHECK (rating IN ('5A', '4A', '3A', '2A', '1A')),
  rated_on date,
  expert_field text,
  expert_qualification text,
  notes text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (rating IS NULL OR rated_on IS NOT NULL)
);
CREATE INDEX organisations_area_idx ON organisations (area_code text_pattern_ops);
CREATE INDEX organisations_pinyin_idx ON organisations (name_pinyin text_pattern_ops);
CREATE INDEX organisations_initials_idx ON organisations (name_initials text_pattern_ops);
-- The service keeps one record per USCC in a holding area (the import's 已存在 prediction matches on it); not a unique
-- index, so an area merge that brings two records of one unit together cannot fail.
CREATE INDEX organisations_uscc_idx ON organisations (uscc) WHERE uscc IS NOT NULL;

CREATE TABLE organisation_service_areas (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  area_code text NOT NULL REFERENCES areas (code),
  PRIMARY KEY (organisation_id, area_code)
);
CREATE INDEX organisation_service_areas_area_idx ON organisation_service_areas (area_code text_pattern_ops);

CREATE TABLE organisation_contacts (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  area_code text NOT NULL REFERENCES areas (code),
  position integer NOT NULL,
  name_enc text NOT NULL,
  name_masked text NOT NULL,
  role text,
  phone_enc text,
  phone_masked text
);
CREATE INDEX organisation_contacts_org_idx ON organisation_contacts (organisation_id, position);
CREATE INDEX organisation_contacts_area_idx ON organisation_contacts (area_code text_pattern_ops);

CREATE TABLE organisation_events (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  area_code text NOT NULL REFERENCES areas (code),
  kind text NOT NULL CHECK (kind IN ('created', 'updated', 'disabled', 'enabled', 'imported')),
  detail jsonb NOT NULL,
  actor_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX organisation_events_org_idx ON organisation_events (organisation_id, at);
CREATE INDEX organisation_events_area_idx ON organisation_events (area_code text_pattern_ops);

CREATE TABLE alliances (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('party_building', 'social_governance')),
  created_by uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX alliances_area_idx ON alliances (area_code text_pattern_ops);

CREATE TABLE alliance_members (
  id uuid NOT NULL UNIQUE,
  alliance_id uuid NOT NULL REFERENCES alliances (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  area_code text NOT NULL REFERENCES areas (code),
  joined_on date NOT NULL,
  pact_signed_on date,
  pact_file_name text,
  pact_content_type text,
  pact_size integer,
  pact_sha256 text,
  PRIMARY KEY (alliance_id, organisation_id)
);
CREATE INDEX alliance_members_org_idx ON alliance_members (organisation_id);
CREATE INDEX alliance_members_area_idx ON alliance_members (area_code text_pattern_ops);

CREATE TABLE alliance_chairs (
  id uuid PRIMARY KEY,
  alliance_id uuid NOT NULL REFERENCES alliances (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  area_code text NOT NULL REFERENCES areas (code),
  from_on date NOT NULL,
  to_on date NOT NULL,
  CHECK (to_on >= from_on)
);
CREATE INDEX alliance_chairs_alliance_idx ON alliance_chairs (alliance_id, from_on);
CREATE INDEX alliance_chairs_area_idx ON alliance_chairs (area_code text_pattern_ops);

CREATE TABLE alliance_commitments (
  id uuid PRIMARY KEY,
  alliance_id uuid NOT NULL REFERENCES alliances (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  area_code text NOT NULL REFERENCES areas (code),
  text text NOT NULL,
  due_on date,
  status text NOT NULL DEFAULT 'pledged' CHECK (status IN ('pledged', 'in_progress', 'done', 'dropped')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX alliance_commitments_alliance_idx ON alliance_commitments (alliance_id, organisation_id);
CREATE INDEX alliance_commitments_area_idx ON alliance_commitments (area_code text_pattern_ops);

GRANT SELECT, INSERT, UPDATE, DELETE ON organisations, organisation_service_areas, organisation_contacts,
  organisation_events, alliances, alliance_members, alliance_chairs, alliance_commitments TO linli_app;
