-- The requests module's category catalogue (民生诉求分类目录) and routing table (派单规则), issue 11.
-- A catalogue belongs to a district: its area_code is the district's code and the code (the Open311 service_code) is
-- unique in the district. Editing a category adds a version; a request keeps the version it was filed under, so the
-- versions are never updated or deleted.
CREATE TABLE request_categories (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  code text NOT NULL,
  group_name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  current_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (area_code, code)
);
CREATE INDEX request_categories_area_idx ON request_categories (area_code text_pattern_ops, group_name);

CREATE TABLE request_category_versions (
  category_id uuid NOT NULL REFERENCES request_categories (id),
  version integer NOT NULL CHECK (version >= 1),
  area_code text NOT NULL REFERENCES areas (code),
  name text NOT NULL,
  description text,
  -- [{ code, label, datatype, required, values? }] (Open311 attribute types), checked by the contract.
  questions jsonb NOT NULL DEFAULT '[]'::jsonb,
  default_urgency text NOT NULL CHECK (default_urgency IN ('urgent', 'normal')),
  sign_working_days integer NOT NULL DEFAULT 1 CHECK (sign_working_days >= 0),
  resolve_working_days integer NOT NULL CHECK (resolve_working_days >= 1),
  created_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (category_id, version)
);
CREATE INDEX request_category_versions_area_idx ON request_category_versions (area_code text_pattern_ops);

-- Who handles a category in an area: area_code is the community, street or district the rule covers (the most
-- specific one wins), category_id null = every category. No rule → the request's community itself.
CREATE TABLE request_routing_rules (
  id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas (code),
  category_id uuid REFERENCES request_categories (id),
  unit_kind text NOT NULL CHECK (unit_kind IN ('community', 'grid', 'street_department', 'organisation')),
  -- community: null = the request's own community; grid: the grid; street_department: null = the request's street;
  -- organisation: the partner's holding area.
  unit_area_code text REFERENCES areas (code),
  organisation_id uuid REFERENCES organisations (id),
  department_name text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  CHECK ((unit_kind = 'organisation') = (organisation_id IS NOT NULL)),
  CHECK (unit_kind <> 'street_department' OR department_name IS NOT NULL),
  CHECK (unit_kind <> 'grid' OR unit_area_code IS NOT NULL)
);
-- One rule per area and category ("every category" counts as one category).
CREATE UNIQUE INDEX request_routing_rules_one_idx ON request_routing_rules
  (area_code, COALESCE(category_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX request_routing_rules_area_idx ON request_routing_rules (area_code text_pattern_ops);
CREATE INDEX request_routing_rules_category_idx ON request_routing_rules (category_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON request_categories, request_category_versions, request_routing_rules TO linli_app;
