-- Livelihood requests (民生诉求, issue 11): one row per request from every channel, its history and its photos.
-- area_code is the request's community (scope); the responsible unit is unit_* (kind, area, organisation, label).
-- The requester's name and phone are encrypted (field cipher) with masked copies for lists; revealing is audited.
-- The category columns name a row of the catalogue (migration 0021) without a foreign key: a category version is
-- never deleted, and a request keeps the version it was triaged under.
CREATE TABLE requests (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  number text NOT NULL UNIQUE,
  channel text NOT NULL CHECK (channel IN ('resident_app', 'walk_in', 'phone', 'visit', 'hotline_12345', 'open311')),
  category_id uuid NOT NULL,
  category_version integer NOT NULL,
  attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  description text NOT NULL,
  public_text text,
  urgency text NOT NULL CHECK (urgency IN ('urgent', 'normal')),
  status text NOT NULL CHECK (status IN ('submitted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected',
    'merged')),
  requester_user_id uuid,
  requester_name_enc text,
  requester_name_masked text,
  requester_phone_enc text,
  requester_phone_masked text,
  client_id uuid,
  place_id uuid,
  address_string text,
  lat double precision,
  long double precision,
  unit_kind text CHECK (unit_kind IN ('community', 'grid', 'street_department', 'organisation')),
  unit_area_code text,
  unit_organisation_id uuid,
  unit_department text,
  unit_label text,
  routed_at timestamptz,
  sign_due_at timestamptz,
  signed_at timestamptz,
  due_at timestamptz,
  resolved_at timestamptz,
  reply text,
  rating text CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied', 'unrated')),
  rating_comment text,
  rated_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  escalated_at timestamptz,
  -- Reminders sent to the unit, once each (cleared when a transfer or reopen restarts the clock).
  sign_reminded_at timestamptz,
  due_reminded_at timestamptz,
  merged_into_id uuid REFERENCES requests (id),
  reject_reason text,
  external_ref text,
  open311_token text UNIQUE,
  api_key_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  row_version integer NOT NULL DEFAULT 1
);
CREATE INDEX requests_area_idx ON requests (area_code text_pattern_ops, created_at DESC);
CREATE INDEX requests_unit_area_idx ON requests (unit_area_code text_pattern_ops) WHERE status IN ('assigned',
  'in_progress');
CREATE INDEX requests_unit_org_idx ON requests (unit_organisation_id) WHERE unit_organisation_id IS NOT NULL;
CREATE INDEX requests_requester_idx ON requests (requester_user_id, created_at DESC) WHERE requester_user_id IS NOT NULL;
CREATE INDEX requests_open_due_idx ON requests (due_at) WHERE status IN ('assigned', 'in_progress');
CREATE INDEX requests_resolved_idx ON requests (resolved_at) WHERE status = 'resolved';
CREATE INDEX requests_duplicates_idx ON requests (category_id, area_code, created_at);
-- A 12345 work order is imported once per area (the import's duplicate check).
CREATE UNIQUE INDEX requests_external_ref_idx ON requests (area_code, external_ref) WHERE external_ref IS NOT NULL;

-- Request numbers SQ + yyyymmdd + a per-day counter (4 digits, more past 9999): one UPSERT per request.
CREATE TABLE request_number_counters (
  day text PRIMARY KEY,
  last integer NOT NULL
);

-- The request's history, shown on the detail page (kinds in contracts REQUEST_EVENT_KINDS).
CREATE TABLE request_events (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id),
  area_code text NOT NULL,
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id uuid,
  at timestamptz NOT NULL,
  -- Insertion order: steps of one transaction share its clock reading.
  seq bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX request_events_request_idx ON request_events (request_id, at, seq);
CREATE INDEX request_events_area_idx ON request_events (area_code text_pattern_ops);

-- Photos (bytes in the media store, EXIF removed on upload); stage says when they were added.
CREATE TABLE request_photos (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id),
  area_code text NOT NULL,
  event_id uuid REFERENCES request_events (id),
  stage text NOT NULL CHECK (stage IN ('intake', 'handling', 'resolution')),
  storage_key text NOT NULL,
  content_type text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX request_photos_request_idx ON request_photos (request_id, created_at);
CREATE INDEX request_photos_area_idx ON request_photos (area_code text_pattern_ops);
