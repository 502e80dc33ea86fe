-- Claims as first-class records: topic, aliases, who created them, merges (the old id redirects),
-- and the staff's decisions on item-claim pairs (confirmed, rejected, automatic).
ALTER TABLE known_claims
  ADD COLUMN topic text,
  ADD COLUMN aliases text[] NOT NULL DEFAULT '{}',
  ADD COLUMN created_by text,
  ADD COLUMN merged_into text REFERENCES known_claims (id);
CREATE INDEX known_claims_merged_idx ON known_claims (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE claim_links (
  item_id uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  claim_id text NOT NULL REFERENCES known_claims (id),
  kind text NOT NULL CHECK (kind IN ('confirmed', 'rejected', 'automatic')),
  score double precision,
  by text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, claim_id)
);
CREATE INDEX claim_links_claim_idx ON claim_links (claim_id, kind);

-- Bulk "confirm this claim for the whole cluster" runs as a bulk job with progress.
ALTER TABLE bulk_jobs DROP CONSTRAINT bulk_jobs_action_check;
ALTER TABLE bulk_jobs ADD CONSTRAINT bulk_jobs_action_check
  CHECK (action IN ('assign', 'status', 'dismiss', 'tag', 'claim'));

-- An item closed as "answered by an existing response".
CREATE TABLE item_answers (
  item_id uuid PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
  response_id uuid NOT NULL REFERENCES responses (id),
  claim_id text REFERENCES known_claims (id),
  by text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

-- Suggested appearances: the tagger's ranked matches, found by claim id.
CREATE INDEX tag_results_matches_idx ON tag_results USING gin ((result -> 'matches') jsonb_path_ops);
-- Per-day counts by occurrence time.
CREATE INDEX items_seen_at_idx ON items ((coalesce(occurred_at, created_at)));
