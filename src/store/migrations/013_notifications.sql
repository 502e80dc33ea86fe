-- In-app notifications: one row per recipient. The target is an item, a response,
-- an application (its item) or an alert, by id; a grouped notification (several items
-- assigned at once, many applications escalated in one sweep) has no target and a count.
-- What the target is called is read from its own table when shown, so an erasure or a
-- renamed draft is never out of date here.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('item_assigned', 'response_submitted', 'response_approved',
    'response_returned', 'application_escalated', 'surge_alert')),
  target_id uuid,
  count integer NOT NULL DEFAULT 1 CHECK (count >= 1),
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
-- A person's list, newest first, and their unread count (the header asks on every page).
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;
