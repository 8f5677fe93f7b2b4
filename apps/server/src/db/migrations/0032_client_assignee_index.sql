-- The benchmark's realistic caseloads (issue 13) showed the 工作台 reading every client of the community to find a
-- worker's ~200: the worker's active clients (reassessments due, caseload reassignment) are read by assignee.
CREATE INDEX clients_assignee_idx ON clients (assignee_id, name_pinyin) WHERE status = 'active';
