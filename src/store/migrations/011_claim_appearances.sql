-- A claim's appearances are read by claim (claim pages, the claims list, exports,
-- surge alerts): the item's top match is kept as columns derived from the stored
-- tag result, so that these reads use an index instead of unpacking every result.
ALTER TABLE tag_results
  ADD COLUMN top_claim_id text GENERATED ALWAYS AS (result -> 'matches' -> 0 ->> 'claimId') STORED,
  ADD COLUMN top_claim_score double precision
    GENERATED ALWAYS AS ((result -> 'matches' -> 0 ->> 'score')::double precision) STORED;
-- Replaces 010's expression index on the same value.
DROP INDEX tag_results_top_claim_idx;
CREATE INDEX tag_results_top_claim_idx ON tag_results (top_claim_id, top_claim_score)
  WHERE top_claim_id IS NOT NULL;

-- Confident matches are now stored as automatic links by the tag stage; link the
-- ones tagged before this migration the same way.
INSERT INTO claim_links (item_id, claim_id, kind, score)
SELECT t.item_id, t.top_claim_id, 'automatic', t.top_claim_score
FROM tag_results t JOIN known_claims k ON k.id = t.top_claim_id
WHERE t.result -> 'matches' -> 0 -> 'confident' = 'true'::jsonb
ON CONFLICT (item_id, claim_id) DO NOTHING;

-- Seeded claims carried Turkish verdict words ("yanlış"); the filters and labels use codes.
UPDATE known_claims SET verdict = CASE lower(verdict)
    WHEN 'yanlış' THEN 'false' WHEN 'yanıltıcı' THEN 'misleading' WHEN 'doğru' THEN 'true'
    WHEN 'doğrulanamadı' THEN 'unverifiable' END
  WHERE verdict IS NOT NULL
    AND verdict NOT IN ('false', 'misleading', 'true', 'unverifiable', 'out_of_scope');
