import type { Database } from './types.js';

/** A person's (or the matcher's) decision on one item-claim pair. */
export interface ClaimLink {
  itemId: string;
  claimId: string;
  kind: 'confirmed' | 'rejected' | 'automatic';
  score: number | null;
  by: string | null;
  at: string;
}

/** A published response that answers a claim. */
export interface ClaimResponse {
  claimId: string;
  responseId: string;
  title: string;
  claimReviewed: string;
  verdict: string;
  summary: string;
  body: string;
  sources: string[];
  lang: string;
  publishedAt: string | null;
}

type Row = Record<string, unknown>;
const toLink = (r: Row): ClaimLink => ({
  itemId: r.item_id as string,
  claimId: r.claim_id as string,
  kind: r.kind as ClaimLink['kind'],
  score: r.score as number | null,
  by: r.by as string | null,
  at: r.at as string,
});

/** Item-claim links (confirmed, rejected, automatic) and "answered by an existing response". */
export function createClaimLinkStore(db: Database) {
  return {
    async forItem(itemId: string): Promise<ClaimLink[]> {
      const { rows } = await db.query<Row>('SELECT * FROM claim_links WHERE item_id = $1 ORDER BY at', [
        itemId,
      ]);
      return rows.map(toLink);
    },

    /** Records a decision on a pair; a later decision replaces an earlier one. */
    async decide(l: Omit<ClaimLink, 'at'>): Promise<void> {
      await db.query(
        `INSERT INTO claim_links (item_id, claim_id, kind, score, by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (item_id, claim_id) DO UPDATE SET kind = EXCLUDED.kind,
           score = coalesce(EXCLUDED.score, claim_links.score), by = EXCLUDED.by, at = now()`,
        [l.itemId, l.claimId, l.kind, l.score, l.by],
      );
    },

    /** The ids of the item's near-duplicate cluster (the item included). */
    async clusterItems(itemId: string): Promise<string[]> {
      const { rows } = await db.query<{ item_id: string }>(
        `SELECT t.item_id FROM tag_results t
         WHERE t.cluster_key = (SELECT cluster_key FROM tag_results WHERE item_id = $1) ORDER BY t.item_id`,
        [itemId],
      );
      return rows.map((r) => r.item_id);
    },

    /** Confirms `claimId` for the items (a bulk-job chunk); rejected pairs stay rejected. Returns the ids confirmed. */
    async confirmMany(itemIds: string[], claimId: string, by: string): Promise<string[]> {
      const { rows } = await db.query<{ item_id: string }>(
        `INSERT INTO claim_links (item_id, claim_id, kind, by)
         SELECT DISTINCT unnest($1::uuid[]), $2, 'confirmed', $3
         ON CONFLICT (item_id, claim_id) DO UPDATE SET kind = 'confirmed', by = EXCLUDED.by, at = now()
           WHERE claim_links.kind = 'automatic'
         RETURNING item_id`,
        [itemIds, claimId, by],
      );
      return rows.map((r) => r.item_id);
    },

    /** The newest published response for each of the claims (through confirmed items or verdicts). */
    async publishedResponses(claimIds: string[]): Promise<ClaimResponse[]> {
      if (claimIds.length === 0) return [];
      const { rows } = await db.query<Row>(
        `SELECT DISTINCT ON (x.claim_id) x.claim_id, r.id, r.published_at, v.title, v.claim_reviewed,
           v.verdict, v.summary, v.body, v.sources, v.lang
         FROM (SELECT coalesce(k.merged_into, l.claim_id) AS claim_id, l.item_id FROM claim_links l
                 JOIN known_claims k ON k.id = l.claim_id WHERE l.kind IN ('confirmed', 'automatic')
               UNION SELECT coalesce(k.merged_into, d.claim_id), d.item_id FROM verdicts d
                 JOIN known_claims k ON k.id = d.claim_id) x
         JOIN responses r ON r.item_id = x.item_id AND r.state = 'published'
         JOIN response_versions v ON v.response_id = r.id
           AND v.version = coalesce(r.published_version, r.current_version)
         WHERE x.claim_id = ANY($1::text[])
         ORDER BY x.claim_id, r.published_at DESC NULLS LAST`,
        [claimIds],
      );
      return rows.map((r) => ({
        claimId: r.claim_id as string,
        responseId: r.id as string,
        title: r.title as string,
        claimReviewed: r.claim_reviewed as string,
        verdict: r.verdict as string,
        summary: r.summary as string,
        body: r.body as string,
        sources: (r.sources as string[] | null) ?? [],
        lang: r.lang as string,
        publishedAt: r.published_at as string | null,
      }));
    },

    /**
     * For queue rows: `answered` (closed as answered by an existing response) or
     * `answerable` (linked, or confidently matched, to a claim with a published response).
     */
    async answerStates(itemIds: string[]): Promise<Map<string, 'answered' | 'answerable'>> {
      if (itemIds.length === 0) return new Map();
      const { rows } = await db.query<{ id: string; answered: boolean; answerable: boolean }>(
        `WITH ids AS (SELECT DISTINCT unnest($1::uuid[]) AS id),
         item_claims AS (
           SELECT l.item_id, coalesce(k.merged_into, k.id) AS cid FROM claim_links l
             JOIN known_claims k ON k.id = l.claim_id
           WHERE l.item_id IN (SELECT id FROM ids) AND l.kind IN ('confirmed', 'automatic')
           UNION SELECT d.item_id, coalesce(k.merged_into, k.id) FROM verdicts d
             JOIN known_claims k ON k.id = d.claim_id WHERE d.item_id IN (SELECT id FROM ids)),
         answered_claims AS (
           SELECT DISTINCT c.cid FROM (SELECT DISTINCT cid FROM item_claims) c
           JOIN known_claims k ON coalesce(k.merged_into, k.id) = c.cid
           WHERE EXISTS (SELECT 1 FROM claim_links l JOIN responses r ON r.item_id = l.item_id
                         WHERE l.claim_id = k.id AND l.kind IN ('confirmed', 'automatic') AND r.state = 'published')
              OR EXISTS (SELECT 1 FROM verdicts d JOIN responses r ON r.item_id = d.item_id
                         WHERE d.claim_id = k.id AND r.state = 'published'))
         SELECT ids.id, EXISTS (SELECT 1 FROM item_answers a WHERE a.item_id = ids.id) AS answered,
           EXISTS (SELECT 1 FROM item_claims ic JOIN answered_claims ac ON ac.cid = ic.cid
             WHERE ic.item_id = ids.id) AS answerable
         FROM ids`,
        [itemIds],
      );
      const out = new Map<string, 'answered' | 'answerable'>();
      for (const r of rows) {
        if (r.answered) out.set(r.id, 'answered');
        else if (r.answerable) out.set(r.id, 'answerable');
      }
      return out;
    },

    /** Records that an item was closed as answered by an existing response. */
    async answer(a: { itemId: string; responseId: string; claimId: string | null; by: string }) {
      await db.query(
        `INSERT INTO item_answers (item_id, response_id, claim_id, by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (item_id) DO UPDATE SET response_id = EXCLUDED.response_id,
           claim_id = EXCLUDED.claim_id, by = EXCLUDED.by, at = now()`,
        [a.itemId, a.responseId, a.claimId, a.by],
      );
    },

    async answerOf(itemId: string) {
      const { rows } = await db.query<Row>(
        `SELECT a.response_id, a.claim_id, a.by, a.at, v.title FROM item_answers a
         JOIN responses r ON r.id = a.response_id
         JOIN response_versions v ON v.response_id = r.id AND v.version = coalesce(r.published_version, r.current_version)
         WHERE a.item_id = $1`,
        [itemId],
      );
      const r = rows[0];
      return r
        ? {
            responseId: r.response_id as string,
            claimId: r.claim_id as string | null,
            by: r.by as string,
            at: r.at as string,
            title: r.title as string,
          }
        : null;
    },
  };
}

/** The claim-links store. */
export type ClaimLinkStore = ReturnType<typeof createClaimLinkStore>;
