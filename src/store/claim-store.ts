import { ConflictError, NotFoundError } from '../domain/errors.js';
import { verdictCode } from '../domain/review/verdicts.js';
import { claimAppearancesSql } from './claim-sql.js';
import type { Database } from './types.js';

/** A known claim (already fact-checked) that the tagger matches new texts against. */
export interface KnownClaim {
  id: string;
  text: string;
  verdict: string | null;
  sourceUrl: string | null;
  topic?: string | null;
  aliases?: string[];
  createdBy?: string | null;
  mergedInto?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** Editable fields of a claim. */
export interface ClaimInput {
  text: string;
  verdict?: string | null;
  sourceUrl?: string | null;
  topic?: string | null;
  aliases?: string[];
}

/** One row of the claims list page. */
export interface ClaimOverview extends KnownClaim {
  total: number;
  confirmed: number;
  last7: number;
  prev7: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** Sort orders of the claims list. */
export const claimSorts = ['recent', 'rising', 'total'] as const;
export type ClaimSort = (typeof claimSorts)[number];

type Row = Record<string, unknown>;
const toClaim = (r: Row): KnownClaim => ({
  id: r.id as string,
  text: r.text as string,
  verdict: r.verdict as string | null,
  sourceUrl: r.source_url as string | null,
  topic: r.topic as string | null,
  aliases: (r.aliases as string[] | null) ?? [],
  createdBy: r.created_by as string | null,
  mergedInto: r.merged_into as string | null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

const orderBy: Record<ClaimSort, string> = {
  recent: 'last_seen DESC NULLS LAST, k.id',
  rising: '(last7 - prev7) DESC, last7 DESC, k.id',
  total: 'total DESC, last_seen DESC NULLS LAST, k.id',
};

/** The known-claims library (PostgreSQL; config/ only seeds it). */
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
        verdict: verdictCode(c.verdict),
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

    /** Every claim's id, statement, verdict and source, merged ones included (they keep their id). */
    async list(): Promise<KnownClaim[]> {
      const { rows } = await db.query<Row>(
        'SELECT id, text, verdict, source_url FROM known_claims ORDER BY id',
      );
      return rows.map((r) => ({
        id: r.id as string,
        text: r.text as string,
        verdict: r.verdict as string | null,
        sourceUrl: r.source_url as string | null,
      }));
    },

    /** Every claim with all its fields, merged ones included. */
    async all(): Promise<KnownClaim[]> {
      const { rows } = await db.query<Row>('SELECT * FROM known_claims ORDER BY id');
      return rows.map(toClaim);
    },

    async get(id: string): Promise<KnownClaim | null> {
      // PostgreSQL text cannot hold NUL: no claim has one, and the query would fail.
      if (id.includes('\u0000')) return null;
      const { rows } = await db.query<Row>('SELECT * FROM known_claims WHERE id = $1', [id]);
      return rows[0] ? toClaim(rows[0]) : null;
    },

    /** Creates a claim with a new id `K-<n>`; returns the id. */
    async create(input: ClaimInput, by: string): Promise<string> {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO known_claims (id, text, verdict, source_url, topic, aliases, created_by)
         VALUES ('K-' || to_char(clock_timestamp(), 'YYMMDDHH24MISSUS'), $1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          input.text,
          input.verdict ?? null,
          input.sourceUrl ?? null,
          input.topic ?? null,
          input.aliases ?? [],
          by,
        ],
      );
      return rows[0]!.id;
    },

    /** Changes a claim's statement, verdict, source, topic and aliases. */
    async update(id: string, input: ClaimInput): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE known_claims SET text = $2, verdict = $3, source_url = $4, topic = $5, aliases = $6,
           updated_at = now() WHERE id = $1 AND merged_into IS NULL`,
        [
          id,
          input.text,
          input.verdict ?? null,
          input.sourceUrl ?? null,
          input.topic ?? null,
          input.aliases ?? [],
        ],
      );
      return rowCount > 0;
    },

    /**
     * Merges `from` into `into` in one transaction: links (a confirmation wins over a
     * rejection), verdicts and earlier merges move; `from` keeps its row and redirects.
     * Returns the number of links moved.
     */
    async merge(from: string, into: string): Promise<number> {
      if (from === into) throw new ConflictError('a claim cannot be merged into itself');
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string; merged_into: string | null }>(
          'SELECT id, merged_into FROM known_claims WHERE id IN ($1, $2) FOR UPDATE',
          [from, into],
        );
        if (rows.length < 2) throw new NotFoundError('no such claim');
        if (rows.some((r) => r.merged_into)) throw new ConflictError('claim already merged');
        const moved = await tx.query(
          `INSERT INTO claim_links (item_id, claim_id, kind, score, by, at)
           SELECT item_id, $2, kind, score, by, at FROM claim_links WHERE claim_id = $1
           ON CONFLICT (item_id, claim_id) DO UPDATE SET kind = CASE
             WHEN claim_links.kind = 'confirmed' OR EXCLUDED.kind = 'confirmed' THEN 'confirmed'
             WHEN claim_links.kind = 'automatic' OR EXCLUDED.kind = 'automatic' THEN 'automatic'
             ELSE 'rejected' END`,
          [from, into],
        );
        await tx.query('DELETE FROM claim_links WHERE claim_id = $1', [from]);
        await tx.query('UPDATE verdicts SET claim_id = $2 WHERE claim_id = $1', [from, into]);
        await tx.query('UPDATE item_answers SET claim_id = $2 WHERE claim_id = $1', [from, into]);
        await tx.query(
          'UPDATE known_claims SET merged_into = $2, updated_at = now() WHERE merged_into = $1',
          [from, into],
        );
        await tx.query('UPDATE known_claims SET merged_into = $2, updated_at = now() WHERE id = $1', [
          from,
          into,
        ]);
        await tx.query(
          `UPDATE known_claims SET aliases = (SELECT array_agg(DISTINCT a) FROM unnest(aliases || $2::text[]) a),
             updated_at = now() WHERE id = $1`,
          [
            into,
            [
              (await tx.query<{ text: string }>('SELECT text FROM known_claims WHERE id = $1', [from]))
                .rows[0]!.text,
            ],
          ],
        );
        return moved.rowCount;
      });
    },

    /** The topics in use, for the list's filter. */
    async topics(): Promise<string[]> {
      const { rows } = await db.query<{ topic: string }>(
        'SELECT DISTINCT topic FROM known_claims WHERE topic IS NOT NULL AND merged_into IS NULL ORDER BY 1',
      );
      return rows.map((r) => r.topic);
    },

    /** Claims (not merged) with appearance counts, sorted and filtered. */
    async overview(
      f: { sort?: ClaimSort; verdict?: string; topic?: string; province?: string; limit?: number } = {},
    ): Promise<ClaimOverview[]> {
      const params: unknown[] = [f.province ?? null, f.verdict ?? null, f.topic ?? null, f.limit ?? 200];
      const { rows } = await db.query<Row>(
        `WITH ${claimAppearancesSql('NULL')},
         stats AS (
           SELECT a.claim_id, count(*)::int AS total,
             count(*) FILTER (WHERE a.kind = 'confirmed')::int AS confirmed,
             count(*) FILTER (WHERE a.seen_at >= now() - interval '7 days')::int AS last7,
             count(*) FILTER (WHERE a.seen_at < now() - interval '7 days'
               AND a.seen_at >= now() - interval '14 days')::int AS prev7,
             min(a.seen_at) AS first_seen, max(a.seen_at) AS last_seen
           FROM appearances a WHERE $1::text IS NULL OR a.province = $1 GROUP BY a.claim_id)
         SELECT k.*, coalesce(s.total, 0) AS total, coalesce(s.confirmed, 0) AS confirmed,
           coalesce(s.last7, 0) AS last7, coalesce(s.prev7, 0) AS prev7, s.first_seen, s.last_seen
         FROM known_claims k LEFT JOIN stats s ON s.claim_id = k.id
         WHERE k.merged_into IS NULL AND ($2::text IS NULL OR k.verdict = $2)
           AND ($3::text IS NULL OR k.topic = $3) AND ($1::text IS NULL OR s.total > 0)
         ORDER BY ${orderBy[f.sort ?? 'recent']} LIMIT $4`,
        params,
      );
      return rows.map((r) => ({
        ...toClaim(r),
        total: r.total as number,
        confirmed: r.confirmed as number,
        last7: r.last7 as number,
        prev7: r.prev7 as number,
        firstSeen: r.first_seen as string | null,
        lastSeen: r.last_seen as string | null,
      }));
    },

    /** One claim's appearances: per day, per channel, per province, first and last seen. */
    async counts(id: string) {
      const { rows } = await db.query<{
        day: string;
        channel: string;
        province: string | null;
        kind: string;
        n: number;
        first: string;
        last: string;
      }>(
        `WITH ${claimAppearancesSql('$1')}
         SELECT to_char(seen_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD') AS day, channel, province, kind,
           count(*)::int AS n, min(seen_at) AS first, max(seen_at) AS last
         FROM appearances GROUP BY 1, 2, 3, 4`,
        [id],
      );
      const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
      const byDay = new Map<string, { confirmed: number; automatic: number; suggested: number }>();
      const byChannel = new Map<string, number>();
      const byProvince = new Map<string, number>();
      let first: string | null = null;
      let last: string | null = null;
      for (const r of rows) {
        const d = byDay.get(r.day) ?? { confirmed: 0, automatic: 0, suggested: 0 };
        d[r.kind === 'confirmed' || r.kind === 'automatic' ? r.kind : 'suggested'] += r.n;
        byDay.set(r.day, d);
        add(byChannel, r.channel, r.n);
        add(byProvince, r.province ?? '', r.n);
        if (!first || r.first < first) first = r.first;
        if (!last || r.last > last) last = r.last;
      }
      const sorted = (m: Map<string, number>) =>
        [...m].map(([key, n]) => ({ key, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
      return {
        byDay: [...byDay]
          .map(([day, x]) => ({ day, ...x, n: x.confirmed + x.automatic + x.suggested }))
          .sort((a, b) => a.day.localeCompare(b.day)),
        byChannel: sorted(byChannel),
        byProvince: sorted(byProvince),
        total: rows.reduce((s, r) => s + r.n, 0),
        firstSeen: first,
        lastSeen: last,
      };
    },

    /** A claim's latest appearances (confirmed and suggested), newest first. */
    async appearances(id: string, limit = 100) {
      const { rows } = await db.query<{
        item_id: string;
        kind: string;
        channel: string;
        province: string | null;
        seen_at: string;
        text: string;
      }>(
        `WITH ${claimAppearancesSql('$1')}
         SELECT a.item_id, a.kind, a.channel, a.province, a.seen_at,
           left(coalesce(t.result->>'redactedText', ''), 200) AS text
         FROM appearances a LEFT JOIN tag_results t ON t.item_id = a.item_id
         ORDER BY a.seen_at DESC LIMIT $2`,
        [id, limit],
      );
      return rows.map((r) => ({
        itemId: r.item_id,
        kind: r.kind as 'confirmed' | 'automatic' | 'suggested',
        channel: r.channel,
        province: r.province,
        seenAt: r.seen_at,
        text: r.text,
      }));
    },

    /** Claims for the matcher: aliases and confirmed example posts (redacted text) as extra documents. */
    async forMatcher(examplesPerClaim = 20) {
      const { rows } = await db.query<Row & { examples: string[] | null }>(
        `SELECT k.id, k.text, k.verdict, k.aliases, (
           SELECT array_agg(x.t) FROM (
             SELECT left(t.result->>'redactedText', 1000) AS t FROM claim_links l
             JOIN tag_results t ON t.item_id = l.item_id
             WHERE l.claim_id = k.id AND l.kind = 'confirmed' ORDER BY l.at DESC LIMIT $1) x
         ) AS examples
         FROM known_claims k WHERE k.merged_into IS NULL ORDER BY k.id`,
        [examplesPerClaim],
      );
      return rows.map((r) => ({
        id: r.id as string,
        text: r.text as string,
        verdict: r.verdict as string | null,
        aliases: (r.aliases as string[] | null) ?? [],
        examples: (r.examples ?? []).filter(Boolean),
      }));
    },

    /** A cheap fingerprint of the library and its confirmations (to reload the matcher when it changes). */
    async version(): Promise<string> {
      const { rows } = await db.query<{ v: string }>(
        `SELECT (SELECT coalesce(max(updated_at)::text, '') || count(*) FROM known_claims) || '/' ||
           (SELECT coalesce(max(at)::text, '') || count(*) FROM claim_links WHERE kind = 'confirmed') AS v`,
      );
      return rows[0]!.v;
    },
  };
}

/** The claims store. */
export type ClaimStore = ReturnType<typeof createClaimStore>;
