-- Surge alerts: one row per surge episode of a claim or a near-duplicate cluster,
-- over all provinces (province NULL) or one province. Times are occurrence times.
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('claim', 'cluster')),
  subject text NOT NULL,
  province text,
  window_start timestamptz NOT NULL,
  detected_at timestamptz NOT NULL,
  ended_at timestamptz,
  peak_count integer NOT NULL,
  expected double precision NOT NULL,
  p_value double precision NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id) ON DELETE SET NULL,
  webhook_status text NOT NULL DEFAULT 'none'
    CHECK (webhook_status IN ('none', 'pending', 'delivered', 'failed'))
);
CREATE UNIQUE INDEX alerts_episode_idx ON alerts (kind, subject, coalesce(province, ''), detected_at);
CREATE INDEX alerts_detected_idx ON alerts (detected_at DESC);
CREATE INDEX alerts_unacknowledged_idx ON alerts (detected_at) WHERE acknowledged_at IS NULL;

-- How far the detector has read the tag results (one row).
CREATE TABLE alert_scan (
  id integer PRIMARY KEY CHECK (id = 1),
  tagged_until timestamptz NOT NULL
);

-- The staff digest feed: one token per user, only its hash stored.
CREATE TABLE digest_tokens (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The detector's reads: new tag results, items by occurrence time, items by top claim.
CREATE INDEX tag_results_tagged_idx ON tag_results (tagged_at);
CREATE INDEX items_occurrence_idx ON items ((coalesce(occurred_at, created_at)));
CREATE INDEX tag_results_top_claim_idx ON tag_results ((result -> 'matches' -> 0 ->> 'claimId'));
