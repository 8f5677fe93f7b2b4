-- Volunteers (issue 12): a resident account registers as a volunteer (staff confirm), teams per community with a
-- colour and members joining and leaving with dates (history kept: leaving sets left_on, re-joining is a new row),
-- and the volunteer's record under 民政部令第67号 art. 4 (training, commendations, evaluations, complaints against the
-- record) with correction requests and their answers, both kept. area_code is the home community (scope; area merges
-- re-code it). The ID number and the emergency contact are encrypted, with masked copies for lists.
CREATE TABLE volunteers (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  user_id uuid NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'suspended', 'left')),
  name text NOT NULL,
  name_masked text NOT NULL,
  id_type text NOT NULL CHECK (id_type IN ('resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permit')),
  id_number_enc text NOT NULL,
  id_number_bidx text NOT NULL,
  id_number_masked text NOT NULL,
  gender text CHECK (gender IN ('male', 'female')),
  birth_date date,
  phone_masked text,
  skills text[] NOT NULL DEFAULT '{}',
  availability text[] NOT NULL DEFAULT '{}',
  emergency_name_enc text NOT NULL,
  emergency_name_masked text NOT NULL,
  emergency_phone_enc text NOT NULL,
  emergency_phone_masked text NOT NULL,
  consent_version text NOT NULL,
  consented_at timestamptz NOT NULL,
  status_reason text,
  decided_by uuid,
  decided_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX volunteers_area_idx ON volunteers (area_code text_pattern_ops, status, created_at);
CREATE INDEX volunteers_id_bidx_idx ON volunteers (id_number_bidx);

CREATE TABLE volunteer_teams (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  name text NOT NULL,
  colour text NOT NULL CHECK (colour IN ('red', 'orange', 'yellow', 'green', 'blue', 'white')),
  description text,
  organisation_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (area_code, name)
);
CREATE INDEX volunteer_teams_area_idx ON volunteer_teams (area_code text_pattern_ops, colour);

-- One row per spell of membership: requested → active (joined_on) → left (left_on); or requested → declined.
CREATE TABLE volunteer_team_members (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  team_id uuid NOT NULL REFERENCES volunteer_teams (id),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  role text NOT NULL CHECK (role IN ('member', 'leader')),
  status text NOT NULL CHECK (status IN ('requested', 'active', 'declined', 'left')),
  joined_on date,
  left_on date,
  requested_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  CHECK ((status = 'active') <= (joined_on IS NOT NULL)),
  CHECK ((status = 'left') = (left_on IS NOT NULL))
);
-- At most one open spell (requested or active) per volunteer and team.
CREATE UNIQUE INDEX volunteer_team_members_open_idx ON volunteer_team_members (team_id, volunteer_id)
  WHERE status IN ('requested', 'active');
CREATE INDEX volunteer_team_members_volunteer_idx ON volunteer_team_members (volunteer_id);
CREATE INDEX volunteer_team_members_area_idx ON volunteer_team_members (area_code text_pattern_ops);

-- The record under 67号令 art. 4 besides the service hours (kept by the hours module): training, commendations,
-- evaluations, and complaints against the record (被投诉信息, 民函〔2012〕340号). Staff add entries; none is edited or deleted.
CREATE TABLE volunteer_record_entries (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  kind text NOT NULL CHECK (kind IN ('training', 'commendation', 'evaluation', 'complaint')),
  on_date date NOT NULL,
  title text NOT NULL,
  by_whom text,
  minutes integer CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 100000),
  rating integer CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  detail text,
  outcome text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX volunteer_record_entries_volunteer_idx ON volunteer_record_entries (volunteer_id, kind, on_date);
CREATE INDEX volunteer_record_entries_area_idx ON volunteer_record_entries (area_code text_pattern_ops);

-- A volunteer asks for a correction of a part of their record; staff answer it. Both stay.
CREATE TABLE volunteer_corrections (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  part text NOT NULL CHECK (part IN ('basic', 'service', 'training', 'commendation', 'evaluation', 'complaint', 'team')),
  entry_id uuid,
  request_text text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'declined')),
  answer_text text,
  answered_by uuid,
  answered_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK ((status = 'open') = (answered_at IS NULL))
);
CREATE INDEX volunteer_corrections_volunteer_idx ON volunteer_corrections (volunteer_id, created_at);
CREATE INDEX volunteer_corrections_area_idx ON volunteer_corrections (area_code text_pattern_ops, status);

-- Record entries are appended, never edited (no route edits them; a wrong entry is answered through a correction
-- request). UPDATE stays granted because an area merge re-codes area_code.
GRANT SELECT, INSERT, UPDATE, DELETE ON volunteers, volunteer_teams, volunteer_team_members, volunteer_record_entries,
  volunteer_corrections TO linli_app;
