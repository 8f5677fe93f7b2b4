-- Volunteer activities (志愿活动, issue 12): an activity of a community with roles and capacities, a sign-up window,
-- the participations of volunteers (registered, waitlisted, cancelled, attended, no-show) with their times. A
-- recurring series is one activity row per occurrence under a series id. Every table carries the organising
-- community's area code (scope, and the future distribution key).
CREATE TABLE activities (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  series_id uuid,
  team_id uuid,
  team_name text,
  organiser_kind text NOT NULL CHECK (organiser_kind IN ('staff', 'team_leader')),
  organiser_id uuid NOT NULL,
  organiser_name text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  type text NOT NULL,
  place_id uuid,
  place_name text,
  address text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  recurrence text NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'weekly', 'monthly')),
  signup_opens_at timestamptz NOT NULL,
  signup_closes_at timestamptz NOT NULL,
  requirements text NOT NULL DEFAULT '',
  serves_kind text NOT NULL DEFAULT 'none' CHECK (serves_kind IN ('none', 'wish', 'client', 'project')),
  serves_id uuid,
  serves_ref text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('draft', 'published', 'cancelled', 'finished')),
  cancel_reason text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK (signup_closes_at >= signup_opens_at)
);
CREATE INDEX activities_area_idx ON activities (area_code text_pattern_ops, starts_at);
CREATE INDEX activities_team_idx ON activities (team_id, starts_at);
CREATE INDEX activities_series_idx ON activities (series_id);

-- A role's registered_count is the number of its participations in state registered/attended/no_show: sign-ups take
-- a seat with one conditional UPDATE (registered_count < capacity), so concurrent sign-ups never overfill a role.
CREATE TABLE activity_roles (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES activities (id),
  area_code text NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  capacity integer NOT NULL CHECK (capacity > 0),
  registered_count integer NOT NULL DEFAULT 0 CHECK (registered_count >= 0 AND registered_count <= capacity)
);
CREATE INDEX activity_roles_activity_idx ON activity_roles (activity_id, position);
CREATE INDEX activity_roles_area_idx ON activity_roles (area_code text_pattern_ops);

CREATE TABLE activity_participations (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES activities (id),
  role_id uuid NOT NULL REFERENCES activity_roles (id),
  area_code text NOT NULL,
  volunteer_id uuid NOT NULL,
  user_id uuid NOT NULL,
  state text NOT NULL CHECK (state IN ('registered', 'waitlisted', 'cancelled', 'attended', 'no_show')),
  -- The activity's times, copied so a clash is one indexed query over the volunteer's own participations.
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  registered_at timestamptz NOT NULL,
  waitlisted_at timestamptz,
  promoted_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  checked_out_at timestamptz,
  -- The code windows used (a window is used once per volunteer: a check-out needs a later window).
  check_in_window bigint,
  check_out_window bigint,
  attendance_by uuid,
  minutes integer CHECK (minutes >= 0),
  confirmed_at timestamptz,
  confirmed_by uuid,
  hours_entry_id uuid,
  updated_at timestamptz NOT NULL
);
-- One live participation per volunteer and activity (a cancelled one may be followed by a new sign-up).
CREATE UNIQUE INDEX activity_participations_live_idx ON activity_participations (activity_id, volunteer_id)
  WHERE state <> 'cancelled';
CREATE INDEX activity_participations_volunteer_idx ON activity_participations (volunteer_id, starts_at);
CREATE INDEX activity_participations_role_idx ON activity_participations (role_id, state, waitlisted_at);
CREATE INDEX activity_participations_area_idx ON activity_participations (area_code text_pattern_ops);
