-- Places (issue 11): a community's own list of buildings, gates and squares, for a resident to say where a problem
-- is without internet map tiles; lat/long are optional (Open311 nearest-place matching), position_x/y a point on a
-- community plan the community may upload later (0–100 % of its width and height).
CREATE TABLE community_places (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('building', 'gate', 'square', 'hall', 'shop', 'other')),
  address text,
  lat numeric(9, 6) CHECK (lat BETWEEN -90 AND 90),
  long numeric(9, 6) CHECK (long BETWEEN -180 AND 180),
  position_x smallint CHECK (position_x BETWEEN 0 AND 100),
  position_y smallint CHECK (position_y BETWEEN 0 AND 100),
  active boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  row_version integer NOT NULL DEFAULT 1
);
CREATE INDEX community_places_area_idx ON community_places (area_code text_pattern_ops, name);
-- One active place of a name per community: "3号楼" twice on the resident's list would be ambiguous.
CREATE UNIQUE INDEX community_places_name_idx ON community_places (area_code, name) WHERE active;

-- Photos uploaded and waiting to be attached (platform/media/uploads.ts): the owner's module claims them in the
-- transaction that saves the request, wish or note; a job deletes those nobody claimed within 24 hours.
CREATE TABLE media_uploads (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  owner_user_id uuid NOT NULL REFERENCES users (id),
  storage_key text NOT NULL UNIQUE,
  content_type text NOT NULL,
  bytes integer NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  claimed_at timestamptz
);
CREATE INDEX media_uploads_owner_idx ON media_uploads (owner_user_id, created_at);
CREATE INDEX media_uploads_unclaimed_idx ON media_uploads (created_at) WHERE claimed_at IS NULL;
CREATE INDEX media_uploads_area_idx ON media_uploads (area_code text_pattern_ops);

GRANT SELECT, INSERT, UPDATE, DELETE ON community_places, media_uploads TO linli_app;
