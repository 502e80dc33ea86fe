/**
 * A matcher suggestion counts as an appearance of a claim when the claim is the
 * item's top match with at least this score. Lower-ranked or weaker suggestions
 * are shown on the item page but do not count: at the matcher's old cut (0.35)
 * about one in nine unrelated posts still matched (NLP.md). The same rule feeds
 * claim pages, the claims list, exports and surge alerts.
 */
export const APPEARANCE_MIN_SCORE = 0.5;

/**
 * SQL common-table expressions for a claim's appearances: items a person
 * confirmed, or the matcher linked automatically (confident), to the claim or to
 * a claim merged into it, and items whose top match it is (score at least
 * `APPEARANCE_MIN_SCORE`) and whose pair nobody has decided. Ends with the CTE
 * `appearances(claim_id, item_id, kind, seen_at, province, channel)`, one row per
 * claim and item; `kind` is 'confirmed', 'automatic' or 'suggested' (the
 * strongest when an item has several).
 *
 * @param claimParam `'$n'` to restrict to one claim, `'NULL'` for every claim.
 */
export function claimAppearancesSql(claimParam: string): string {
  const one = claimParam !== 'NULL';
  return `canon AS (
    SELECT id, coalesce(merged_into, id) AS claim_id FROM known_claims
    ${one ? `WHERE coalesce(merged_into, id) = ${claimParam}` : ''}),
  pairs AS (
    SELECT c.claim_id, l.item_id, l.kind
    FROM claim_links l JOIN canon c ON c.id = l.claim_id WHERE l.kind <> 'rejected'
    UNION ALL
    SELECT c.claim_id, t.item_id, 'suggested'
    FROM tag_results t JOIN canon c ON c.id = t.top_claim_id
    WHERE t.top_claim_score >= ${APPEARANCE_MIN_SCORE}
      AND NOT EXISTS (SELECT 1 FROM claim_links l JOIN canon c2 ON c2.id = l.claim_id
                      WHERE l.item_id = t.item_id AND c2.claim_id = c.claim_id)),
  appearances AS (
    SELECT p.claim_id, p.item_id,
      (array_agg(p.kind ORDER BY CASE p.kind WHEN 'confirmed' THEN 0 WHEN 'automatic' THEN 1 ELSE 2 END))[1]
        AS kind,
      coalesce(i.occurred_at, i.created_at) AS seen_at, i.province,
      CASE WHEN i.kind = 'application' THEN 'application' ELSE coalesce(i.extra ->> 'platform', i.source) END
        AS channel
    FROM pairs p JOIN items i ON i.id = p.item_id
    GROUP BY p.claim_id, p.item_id, 4, 5, 6)`;
}
