-- Publication: embargo (publish at a time), the version that is public, and every publication kept
-- (the first one and each correction) with the document the portal shows.

ALTER TABLE responses DROP CONSTRAINT IF EXISTS responses_state_check;
ALTER TABLE responses ADD CONSTRAINT responses_state_check
  CHECK (state IN ('draft', 'submitted', 'changes_requested', 'approved', 'scheduled', 'published'));
-- When a scheduled (embargoed) publication becomes public; NULL unless state = 'scheduled'.
ALTER TABLE responses ADD COLUMN publish_at timestamptz;
-- The correction note of a scheduled republication (required when the response was public before).
ALTER TABLE responses ADD COLUMN publish_note text;
-- The version readers see now; NULL while nothing of the response is public.
ALTER TABLE responses ADD COLUMN published_version integer;
CREATE INDEX responses_due_idx ON responses (publish_at) WHERE state = 'scheduled';

-- One row per publication: seq 1 is the first, every later one is a correction with its note.
-- Public routes read only this table (and the responses index), never items or applicants.
CREATE TABLE response_publications (
  response_id uuid NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  correction_note text,
  published_by uuid REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  -- Set once the document is in the responses index and the event was raised (the outbox flag).
  indexed_at timestamptz,
  PRIMARY KEY (response_id, seq),
  CHECK ((seq = 1) = (correction_note IS NULL))
);
CREATE INDEX response_publications_unindexed_idx ON response_publications (published_at) WHERE indexed_at IS NULL;

-- Responses published before this migration: the approved version is the public one, and it gets
-- its first publication row (without appearances, which were not computed then).
UPDATE responses SET published_version = COALESCE(approved_version, current_version)
  WHERE state = 'published' AND kind = 'public';
INSERT INTO response_publications (response_id, seq, version, doc, published_by, published_at, indexed_at)
SELECT r.id, 1, v.version,
  jsonb_build_object(
    'id', r.id, 'title', v.title, 'claimReviewed', v.claim_reviewed, 'verdict', v.verdict,
    'summary', v.summary, 'body', v.body, 'sources', v.sources,
    'topics', COALESCE((SELECT jsonb_agg(DISTINCT t->>'tag') FROM tag_results tr,
      jsonb_array_elements(tr.result->'tags') t WHERE tr.item_id = r.item_id), '[]'::jsonb),
    'province', i.province,
    'publishedAt', floor(extract(epoch FROM COALESCE(r.published_at, r.updated_at)))::bigint,
    'publishedAtIso', to_char(COALESCE(r.published_at, r.updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'modifiedAt', NULL, 'modifiedAtIso', NULL,
    'url', '/responses/' || r.id, 'lang', v.lang, 'version', v.version,
    'appearances', '[]'::jsonb, 'corrections', '[]'::jsonb),
  r.published_by, COALESCE(r.published_at, r.updated_at), now()
FROM responses r
JOIN response_versions v ON v.response_id = r.id AND v.version = r.published_version
LEFT JOIN items i ON i.id = r.item_id
WHERE r.state = 'published' AND r.kind = 'public';
