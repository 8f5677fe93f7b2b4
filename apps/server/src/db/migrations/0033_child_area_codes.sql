-- Every domain table carries its area code (ADR 0009, change 2): the six care tables that had only their parent's id
-- get the owning community's code, copied from the parent, set by their writers from now on and re-coded by area
-- merges like the rest. It is the future distribution key, so it may not be NULL.
ALTER TABLE visit_events ADD COLUMN area_code text REFERENCES areas (code);
UPDATE visit_events e SET area_code = v.area_code FROM visits v WHERE v.id = e.visit_id;
ALTER TABLE visit_events ALTER COLUMN area_code SET NOT NULL;

ALTER TABLE client_events ADD COLUMN area_code text REFERENCES areas (code);
UPDATE client_events e SET area_code = c.area_code FROM clients c WHERE c.id = e.client_id;
ALTER TABLE client_events ALTER COLUMN area_code SET NOT NULL;

-- A merge belongs to the community of the client the other was merged into.
ALTER TABLE client_merges ADD COLUMN area_code text REFERENCES areas (code);
UPDATE client_merges m SET area_code = c.area_code FROM clients c WHERE c.id = m.target_id;
ALTER TABLE client_merges ALTER COLUMN area_code SET NOT NULL;

ALTER TABLE case_goals ADD COLUMN area_code text REFERENCES areas (code);
UPDATE case_goals g SET area_code = c.area_code FROM cases c WHERE c.id = g.case_id;
ALTER TABLE case_goals ALTER COLUMN area_code SET NOT NULL;

ALTER TABLE case_tasks ADD COLUMN area_code text REFERENCES areas (code);
UPDATE case_tasks t SET area_code = c.area_code FROM cases c WHERE c.id = t.case_id;
ALTER TABLE case_tasks ALTER COLUMN area_code SET NOT NULL;

ALTER TABLE case_events ADD COLUMN area_code text REFERENCES areas (code);
UPDATE case_events e SET area_code = c.area_code FROM cases c WHERE c.id = e.case_id;
ALTER TABLE case_events ALTER COLUMN area_code SET NOT NULL;
