-- Indexes the benchmark asked for: the on-time rate reads done visits of a jurisdiction in a date range, and the
-- worklist reads a worker's planned visits by window start.
CREATE INDEX visits_done_area_idx ON visits (area_code text_pattern_ops, visited_on) WHERE status = 'done';
CREATE INDEX visits_planned_assignee_window_idx ON visits (assignee_id, window_start) WHERE status = 'planned';
