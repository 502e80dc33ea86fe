import type { Database } from './types.js';

/** A known claim (already fact-checked) that the tagger matches new texts against. */
export interface KnownClaim {
  id: string;
  text: string;
  verdict: string | null;
  sourceUrl: string | null;
}

/** The known-claims library. */
export function createClaimStore(db: Database) {
  return {
    /** Inserts or replaces claims by id (one statement for the whole list). */
    async upsertMany(
      claims: { id: string; text: string; verdict?: string | null; sourceUrl?: string | null }[],
    ): Promise<void> {
      // Last one wins for repeated ids; ON CONFLICT cannot touch the same row twice in one statement.
      const byId = new Map(claims.map((c) => [c.id, c]));
      if (byId.size === 0) return;
      const rows = [...byId.values()].map((c) => ({
        id: c.id,
        text: c.text,
        verdict: c.verdict ?? null,
        source_url: c.sourceUrl ?? null,
      }));
      await db.query(
        `INSERT INTO known_claims (id, text, verdict, source_url)
         SELECT x.id, x.text, x.verdict, x.source_url
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, text text, verdict text, source_url text)
         ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, verdict = EXCLUDED.verdict,
           source_url = EXCLUDED.source_url, updated_at = now()`,
        [JSON.stringify(rows)],
      );
    },

    async list(): Promise<KnownClaim[]> {
      const { rows } = await db.query<{
        id: string;
        text: string;
        verdict: string | null;
        source_url: string | null;
      }>('SELECT id, text, verdict, source_url FROM known_claims ORDER BY id');
      return rows.map((r) => ({ id: r.id, text: r.text, verdict: r.verdict, sourceUrl: r.source_url }));
    },
  };
}
