-- Care core: clients, tier policies, assessments, tier changes, visits.
-- Sensitive numbers are stored encrypted (*_enc) with a blind index (*_bidx) for exact search and a masked copy
-- for lists, so lists never decrypt.

CREATE TABLE households (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  grid_code text REFERENCES areas (code),
  address text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX households_area_idx ON households (area_code text_pattern_ops);

CREATE TABLE clients (
  id uuid PRIMARY KEY,
  household_id uuid REFERENCES households (id),
  area_code text NOT NULL REFERENCES areas (code),
  grid_code text REFERENCES areas (code),
  name text NOT NULL,
  name_pinyin text NOT NULL,
  name_initials text NOT NULL,
  id_number_enc text,
  id_number_bidx text,
  id_number_masked text,
  sex text CHECK (sex IN ('male', 'female')),
  birth_date date,
  phone_enc text,
  phone_bidx text,
  phone_masked text,
  address text,
  categories text[] NOT NULL DEFAULT '{}',
  disability_card_enc text,
  disability_card_masked text,
  disability_category text,
  disability_grade text,
  emergency_contact_name text,
  emergency_phone_enc text,
  emergency_phone_masked text,
  tier text CHECK (tier IN ('red', 'yellow', 'blue')),
  tier_since timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'moved_out', 'deceased', 'closed')),
  assignee_id uuid REFERENCES users (id),
  notes text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX clients_area_idx ON clients (area_code text_pattern_ops);
CREATE INDEX clients_grid_idx ON clients (grid_code);
CREATE INDEX clients_id_bidx ON clients (id_number_bidx);
CREATE INDEX clients_phone_bidx ON clients (phone_bidx);
CREATE INDEX clients_pinyin_idx ON clients (name_pinyin text_pattern_ops);
CREATE INDEX clients_initials_idx ON clients (name_initials text_pattern_ops);

CREATE TABLE tier_policies (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  version integer NOT NULL,
  rules jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL,
  UNIQUE (area_code, version)
);

CREATE TABLE assessments (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  area_code text NOT NULL,
  scores jsonb NOT NULL,
  suggested_tier text NOT NULL,
  confirmed_tier text NOT NULL,
  override_reason text,
  policy_id uuid REFERENCES tier_policies (id),
  assessed_by uuid,
  assessed_at timestamptz NOT NULL
);
CREATE INDEX assessments_client_idx ON assessments (client_id, assessed_at);

CREATE TABLE tier_changes (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  area_code text NOT NULL,
  from_tier text,
  to_tier text NOT NULL,
  assessment_id uuid REFERENCES assessments (id),
  reason text,
  status text NOT NULL CHECK (status IN ('applied', 'pending_approval', 'rejected')),
  requested_by uuid,
  decided_by uuid,
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL
);
CREATE INDEX tier_changes_client_idx ON tier_changes (client_id, created_at);
CREATE INDEX tier_changes_pending_idx ON tier_changes (area_code text_pattern_ops) WHERE status = 'pending_approval';

CREATE TABLE visits (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  area_code text NOT NULL,
  grid_code text,
  assignee_id uuid REFERENCES users (id),
  window_start date NOT NULL,
  due_date date NOT NULL,
  window_end date NOT NULL,
  mode text NOT NULL CHECK (mode IN ('home', 'phone', 'video', 'centre')),
  status text NOT NULL CHECK (status IN ('planned', 'done', 'missed', 'cancelled', 'superseded')),
  tier text,
  policy_id uuid REFERENCES tier_policies (id),
  visited_on date,
  done_at timestamptz,
  outcome_notes text,
  services text[] NOT NULL DEFAULT '{}',
  missed_reason text,
  recorded_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX visits_planned_assignee_idx ON visits (assignee_id, due_date) WHERE status = 'planned';
CREATE INDEX visits_planned_area_idx ON visits (area_code text_pattern_ops, due_date) WHERE status = 'planned';
CREATE INDEX visits_client_idx ON visits (client_id, due_date);

CREATE TABLE visit_events (
  id uuid PRIMARY KEY,
  visit_id uuid NOT NULL REFERENCES visits (id),
  status text NOT NULL,
  note text,
  actor_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX visit_events_visit_idx ON visit_events (visit_id, at);
