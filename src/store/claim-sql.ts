/**
 * SQL common-table expressions for a claim's appearances: items confirmed (or
 * automatically linked) to the claim or to a claim merged into it, and items
 * the matcher suggested for it whose pair nobody has decided yet. Ends with the
 * CTE `appearances(claim_id, item_id, kind, seen_at, province, channel)`, one
 * row per claim and item; `kind` is 'confirmed' or 'suggested'.
 *
 * @param claimParam `'$n'` to restrict to one claim, `'NULL'` for every claim.
 */
export function claimAppearancesSql(claimParam: string): string {
  const one = claimParam !== 'NULL';
  return `canon AS (
    SELECT id, coalesce(merged_into, id) AS claim_id FROM known_claims
    ${one ? `WHERE coalesce(merged_into, id) = ${claimParam}` : ''}),
  pairs AS (
    SELECT c.claim_id, l.item_id, CASE l.kind WHEN 'confirmed' THEN 'confirmed' ELSE 'suggested' END AS kind
    FROM claim_links l JOIN canon c ON c.id = l.claim_id WHERE l.kind <> 'rejected'
    UNION ALL
    SELECT c.claim_id, t.item_id, 'suggested'
    FROM tag_results t CROSS JOIN LATERAL jsonb_array_elements(t.result -> 'matches') m
    JOIN canon c ON c.id = m ->> 'claimId'
    WHERE NOT EXISTS (SELECT 1 FROM claim_links l WHERE l.item_id = t.item_id AND l.claim_id = c.claim_id)
    ${
      one
        ? `AND t.item_id IN (SELECT t2.item_id FROM canon c2 JOIN tag_results t2
             ON t2.result -> 'matches' @> jsonb_build_array(jsonb_build_object('claimId', c2.id)))`
        : ''
    }),
  appearances AS (
    SELECT p.claim_id, p.item_id, min(p.kind) AS kind, coalesce(i.occurred_at, i.created_at) AS seen_at,
      i.province,
      CASE WHEN i.kind = 'application' THEN 'application' ELSE coalesce(i.extra ->> 'platform', i.source) END
        AS channel
    FROM pairs p JOIN items i ON i.id = p.item_id
    GROUP BY p.claim_id, p.item_id, 4, 5, 6)`;
}
