-- Public intake form: tracking codes (hash only) and attachments of citizen applications.

-- Secrets shared by every web process (e.g. the key of the intake form's CSRF token), created once.
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per form submission. It is written before the application is ingested; item_id is set
-- once the item exists (the item is also found through idempotency_key = 'application:' || external_id).
CREATE TABLE intake_submissions (
  id uuid PRIMARY KEY,
  external_id text NOT NULL UNIQUE,
  tracking_hash text NOT NULL UNIQUE,
  item_id uuid REFERENCES items (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_submissions_item_idx ON intake_submissions (item_id);

-- Files are stored under DATA_DIR/attachments with a random name; the client's name is kept here only.
CREATE TABLE intake_attachments (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
  stored_name text NOT NULL UNIQUE,
  original_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_attachments_submission_idx ON intake_attachments (submission_id);
