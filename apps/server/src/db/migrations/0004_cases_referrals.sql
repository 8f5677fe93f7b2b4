-- Consent records per purpose (R-02, R-03), case files with plans and tasks, referrals to providers.

CREATE TABLE consents (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  area_code text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('care_services', 'referral', 'sensitive_data', 'disclosure')),
  basis text NOT NULL CHECK (basis IN ('consent', 'statutory_duty', 'emergency')),
  statute text,
  granted_by text NOT NULL CHECK (granted_by IN ('self', 'guardian', 'not_applicable')),
  guardian_name text,
  notice_version text NOT NULL,
  granted_at timestamptz NOT NULL,
  revoked_at timestamptz,
  recorded_by uuid
);
CREATE INDEX consents_client_idx ON consents (client_id, purpose);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  area_code text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'plan_pending', 'active', 'closure_pending', 'closed')),
  opened_by uuid,
  opened_at timestamptz NOT NULL,
  plan_note text,
  plan_decided_by uuid,
  plan_decided_at timestamptz,
  closing_reason text,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX cases_client_idx ON cases (client_id);
CREATE INDEX cases_area_idx ON cases (area_code text_pattern_ops, status);

CREATE TABLE case_goals (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  domain text NOT NULL,
  goal text NOT NULL,
  position integer NOT NULL
);
CREATE INDEX case_goals_case_idx ON case_goals (case_id);

CREATE TABLE case_tasks (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  goal_id uuid REFERENCES case_goals (id),
  title text NOT NULL,
  owner_id uuid REFERENCES users (id),
  due_date date,
  done_at timestamptz,
  done_by uuid,
  done_visit_id uuid
);
CREATE INDEX case_tasks_case_idx ON case_tasks (case_id);

CREATE TABLE case_events (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  kind text NOT NULL,
  note text,
  actor_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at);

CREATE TABLE referrals (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  case_id uuid REFERENCES cases (id),
  area_code text NOT NULL,
  provider_name text NOT NULL,
  provider_type text NOT NULL CHECK (provider_type IN ('social_org', 'partner_unit', 'expert', 'government')),
  service text NOT NULL,
  status text NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'done', 'withdrawn')),
  consent_id uuid REFERENCES consents (id),
  sent_by uuid,
  sent_at timestamptz NOT NULL,
  responded_at timestamptz,
  response_note text,
  report_back text,
  done_at timestamptz,
  follow_up_visit_id uuid REFERENCES visits (id),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX referrals_client_idx ON referrals (client_id);
CREATE INDEX referrals_area_idx ON referrals (area_code text_pattern_ops, status);
