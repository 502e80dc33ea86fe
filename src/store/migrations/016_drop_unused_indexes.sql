-- Two indexes that every pipeline write maintained for no reader:
-- 010 created items_occurrence_idx on the same expression as 009's items_seen_at_idx
-- (each item insert and each stage change wrote both), and 011 replaced the GIN index
-- on the tag result's matches by the indexed top-match columns (no query uses it; a GIN
-- entry per match was written with every tag result).
DROP INDEX IF EXISTS items_occurrence_idx;
DROP INDEX IF EXISTS tag_results_matches_idx;
