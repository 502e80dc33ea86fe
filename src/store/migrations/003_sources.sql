-- Polling state of feed sources (connectors). Timestamps of the schedule are written by the app
-- with millisecond precision so a job can claim the exact run it was enqueued for.
ALTER TABLE sources
  ADD COLUMN url text,
  ADD COLUMN interval_seconds integer NOT NULL DEFAULT 900 CHECK (interval_seconds >= 30),
  ADD COLUMN etag text,
  ADD COLUMN last_modified text,
  ADD COLUMN last_run_at timestamptz,
  ADD COLUMN last_success_at timestamptz,
  ADD COLUMN last_status text,
  ADD COLUMN last_error text,
  ADD COLUMN items_fetched bigint NOT NULL DEFAULT 0,
  ADD COLUMN failures integer NOT NULL DEFAULT 0,
  ADD COLUMN next_run_at timestamptz;

CREATE INDEX sources_due_idx ON sources (next_run_at) WHERE enabled AND kind = 'feed';
