-- Review workflow: assignments, verdicts, responses with versions, saved searches, bulk jobs.

CREATE TABLE assignments (
  item_id uuid PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  assigned_by uuid REFERENCES users (id),
  assigned_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignments_user_idx ON assignments (user_id);

CREATE TABLE verdicts (
  id uuid PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  verdict text NOT NULL CHECK (verdict IN ('false', 'misleading', 'true', 'unverifiable', 'out_of_scope')),
  notes text NOT NULL DEFAULT '',
  evidence_links jsonb NOT NULL DEFAULT '[]'::jsonb,
  claim_id text REFERENCES known_claims (id),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_by uuid REFERENCES users (id),
  confirmed_at timestamptz
);
CREATE INDEX verdicts_item_idx ON verdicts (item_id, created_at DESC);

CREATE TABLE responses (
  id uuid PRIMARY KEY,
  item_id uuid REFERENCES items (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('public', 'reply')),
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'changes_requested', 'approved', 'published')),
  created_by uuid NOT NULL REFERENCES users (id),
  current_version integer NOT NULL DEFAULT 1,
  approved_by uuid REFERENCES users (id),
  approved_version integer,
  published_by uuid REFERENCES users (id),
  published_at timestamptz,
  review_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX responses_state_idx ON responses (state, updated_at DESC);
CREATE INDEX responses_item_idx ON responses (item_id);

-- Every version is kept; rows are never updated.
CREATE TABLE response_versions (
  response_id uuid NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  version integer NOT NULL,
  title text NOT NULL,
  claim_reviewed text NOT NULL,
  verdict text NOT NULL,
  summary text NOT NULL,
  body text NOT NULL,
  sources jsonb NOT NULL DEFAULT '[]'::jsonb,
  lang text NOT NULL DEFAULT 'tr',
  author_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (response_id, version)
);

CREATE TABLE saved_searches (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  query text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_searches_user_idx ON saved_searches (user_id, created_at);

CREATE TABLE bulk_jobs (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  action text NOT NULL CHECK (action IN ('assign', 'status', 'dismiss', 'tag')),
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  item_ids uuid[] NOT NULL,
  total integer NOT NULL,
  done integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'finished', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Manual tags added by staff (bulk "tag"), kept apart from the tagger's results.
CREATE TABLE item_labels (
  item_id uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  label text NOT NULL,
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, label)
);
