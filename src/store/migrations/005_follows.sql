-- Journalist follows: what each journalist follows, where new responses are pushed
-- (signed webhook) and the hash of the personal feed token. One row per user.
CREATE TABLE follow_settings (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  topics text[] NOT NULL DEFAULT '{}',
  provinces text[] NOT NULL DEFAULT '{}',
  webhook_url text,
  -- Kept in clear so deliveries can be signed; never logged, shown once.
  webhook_secret text,
  feed_token_hash text UNIQUE,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One webhook delivery per subscriber and event. `dedupe_key` makes a repeated event
-- (at-least-once emitters) a no-op; the payload is frozen so retries send the same body.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  event text NOT NULL,
  response_id text NOT NULL,
  dedupe_key text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'retrying', 'delivered', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX webhook_deliveries_user_idx ON webhook_deliveries (user_id, created_at DESC);
CREATE INDEX webhook_deliveries_response_idx ON webhook_deliveries (response_id);
CREATE INDEX webhook_deliveries_open_idx ON webhook_deliveries (updated_at) WHERE status IN ('pending', 'retrying');
