-- Requests handled by a team of another community (issue 14: a handling unit's queue on one shard group). A street's
-- or district's routing rule may send one community's requests to another community's team or grid, so a team's
-- queue cannot be read from its own community's rows alone. Each open request whose unit (a community or a grid) lies
-- in another community than the request is listed here under the unit's community (`area_code`, the distribution
-- column on a Citus cluster: the same shard group as that team's own requests), with the request's community, where
-- its row lives. The queue reads its own community's requests and these links, each on one shard group; the links of
-- a request change with its unit and leave when it leaves the queue (requests.repository.ts, updateRequest). No
-- foreign key: the request's row lives in another community (a cross-shard key Citus cannot keep).
CREATE TABLE request_unit_links (
  area_code text NOT NULL,
  request_id uuid NOT NULL,
  request_area_code text NOT NULL,
  PRIMARY KEY (area_code, request_id)
);

INSERT INTO request_unit_links (area_code, request_id, request_area_code)
SELECT left(unit_area_code, 12), id, area_code
FROM requests
WHERE status IN ('assigned', 'in_progress')
  AND unit_kind IN ('community', 'grid')
  AND left(unit_area_code, 12) <> area_code;

-- The queue's own read names the community and the team's prefix: one partial index for both (the older
-- requests_unit_area_idx stays for the queues found by prefix alone: street officers, several jurisdictions).
CREATE INDEX requests_unit_queue_idx ON requests (area_code, unit_area_code text_pattern_ops)
  WHERE status IN ('assigned', 'in_progress');
