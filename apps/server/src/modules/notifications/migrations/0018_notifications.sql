-- Notifications (issue 10 part 4): every account's in-app inbox, channel choices per event, and the outbox of
-- external deliveries (SMS, signed webhook) that a job works through with leases, back-off and dead letters.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  -- The area it concerns; null for account events (scope of the recipient, not of a reader).
  area_code text,
  event text NOT NULL,
  object_type text,
  object_id text,
  link text,
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  urgent boolean NOT NULL DEFAULT false,
  read_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_area_idx ON notifications (area_code text_pattern_ops);

-- A user's external channels for one event (no row: the defaults of notification-defaults.ts).
CREATE TABLE notification_preferences (
  user_id uuid NOT NULL,
  event text NOT NULL,
  channels text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, event)
);

CREATE TABLE notification_deliveries (
  id uuid PRIMARY KEY,
  area_code text,
  -- Null for a text to a phone that is no account (a sign-up's one-time code).
  user_id uuid,
  notification_id uuid,
  event text,
  channel text NOT NULL CHECK (channel IN ('sms', 'webhook')),
  recipient_enc text NOT NULL,
  payload_enc text NOT NULL,
  urgent boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  locked_until timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL
);
-- The claim's scan: due pending rows, and sending rows whose lease ran out.
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (status, next_attempt_at)
  WHERE status IN ('pending', 'sending');
CREATE INDEX notification_deliveries_area_idx ON notification_deliveries (area_code text_pattern_ops);
CREATE INDEX notification_deliveries_created_idx ON notification_deliveries (status, created_at DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON notifications, notification_preferences, notification_deliveries TO linli_app;
