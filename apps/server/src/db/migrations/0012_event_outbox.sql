-- Events between modules (platform/events.ts, ARCHITECTURE.md "Events"). A module emits an event inside the
-- transaction of the change it describes: the row commits or rolls back with it. Handlers that must hold in the same
-- transaction run at once; the others (notifications, points, request updates in later issues) run after commit from
-- this outbox, each row once, retried with a growing delay when a handler fails.
CREATE TABLE event_outbox (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  -- The area the event concerns (a community, grid or district code), or NULL for account events.
  area_code text,
  -- Ids and codes only, never personal values (a handler that needs more reads it, under its own rules).
  payload jsonb NOT NULL,
  actor_id uuid,
  created_at timestamptz NOT NULL,
  -- Set when every after-commit handler has run (at once for events nobody handles after commit).
  processed_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_error text
);
CREATE INDEX event_outbox_pending_idx ON event_outbox (id) WHERE processed_at IS NULL;
CREATE INDEX event_outbox_area_idx ON event_outbox (area_code text_pattern_ops);
