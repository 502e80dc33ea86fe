import { ConflictError, ValidationError } from '../domain/errors.js';
import {
  type Appearance,
  type PublicationDoc,
  publishedResponseSchema,
} from '../domain/published-response.js';
import type { ResponseState } from '../domain/review/response-workflow.js';
import type { ResponseInput } from '../domain/review/verdicts.js';
import { isUuid } from './ids.js';
import { toResponseInput } from './response-store.js';
import type { Database, Sql } from './types.js';

/** What the publication needs from the response and its item, read before publishing. */
export interface PublicationFacts {
  topics: string[];
  province: string | null;
  appearances: Appearance[];
}

/** One publication row not yet projected into the search index. */
export interface PendingPublication {
  responseId: string;
  seq: number;
  doc: PublicationDoc;
  note: string | null;
}

const MAX_APPEARANCES = 100;

/**
 * Publications of responses (`response_publications`, one row per publication: the
 * first and each correction) and the embargo columns of `responses`. The public
 * portal reads only `latest`; everything else runs at publication time.
 */
export function createPublicationStore(db: Database) {
  const parseDoc = (doc: unknown) => publishedResponseSchema.parse(doc);

  return {
    /**
     * Topics, province and appearances of the item a response answers: URLs of the public
     * posts in the item's near-duplicate cluster (the item itself included), deduplicated,
     * earliest first. Applications never count as appearances, nor URLs other than http(s)
     * (a row may hold one that never passed the validated inputs).
     */
    async facts(itemId: string | null): Promise<PublicationFacts> {
      if (!itemId || !isUuid(itemId)) return { topics: [], province: null, appearances: [] };
      const { rows: items } = await db.query<{ province: string | null; tags: string[] | null }>(
        `SELECT i.province, (SELECT array_agg(DISTINCT t->>'tag') FROM jsonb_array_elements(tr.result->'tags') t) AS tags
         FROM items i LEFT JOIN tag_results tr ON tr.item_id = i.id WHERE i.id = $1`,
        [itemId],
      );
      const { rows } = await db.query<{ url: string; at: string }>(
        `SELECT url, min(at) AS at FROM (
           SELECT i.url, coalesce(i.occurred_at, i.created_at) AS at FROM items i
           LEFT JOIN tag_results t ON t.item_id = i.id
           WHERE i.kind = 'post' AND i.url ~* '^https?://[^[:space:]]' AND (i.id = $1 OR (t.cluster_key IS NOT NULL
             AND t.cluster_key = (SELECT cluster_key FROM tag_results WHERE item_id = $1)))
         ) s GROUP BY url ORDER BY min(at), url LIMIT $2`,
        [itemId, MAX_APPEARANCES],
      );
      return {
        topics: (items[0]?.tags ?? []).filter(Boolean).sort(),
        province: items[0]?.province ?? null,
        appearances: rows.map((r) => ({ url: r.url, datePublished: r.at })),
      };
    },

    /** Moves an approved response to `scheduled` with its embargo time (compare-and-set). */
    async schedule(id: string, at: Date, note: string | null, by: string): Promise<void> {
      const r = await db.query(
        `UPDATE responses SET state = 'scheduled', publish_at = $2, publish_note = $3, published_by = $4,
           updated_at = now() WHERE id = $1 AND state = 'approved'`,
        [id, at.toISOString(), note, by],
      );
      if (r.rowCount === 0) throw new ConflictError('the response changed meanwhile; reload and try again');
    },

    /** Ids of scheduled responses whose embargo time has passed. */
    async due(now: Date, limit = 100): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM responses WHERE state = 'scheduled' AND publish_at <= $1 ORDER BY publish_at LIMIT $2`,
        [now.toISOString(), limit],
      );
      return rows.map((r) => r.id);
    },

    /**
     * Publishes the approved version exactly once: locks the response, checks its state
     * (and, with `dueAt`, that the embargo has passed), moves it to `published` and inserts
     * the publication row, all in one transaction. Returns null when another caller won.
     * A republication needs a correction note (given now or stored when it was scheduled).
     */
    async publish(args: {
      id: string;
      from: ResponseState[];
      by: string | null;
      now: Date;
      note: string | null;
      dueAt?: Date;
      facts: PublicationFacts;
    }): Promise<{ doc: PublicationDoc; seq: number; note: string | null } | null> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{
          state: ResponseState;
          approved_version: number | null;
          publish_at: string | null;
          publish_note: string | null;
        }>(
          'SELECT state, approved_version, publish_at, publish_note FROM responses WHERE id = $1 FOR UPDATE',
          [args.id],
        );
        const r = rows[0];
        if (!r || !args.from.includes(r.state) || r.approved_version === null) return null;
        if (args.dueAt && (r.publish_at === null || new Date(r.publish_at) > args.dueAt)) return null;
        const ver = await versionRow(tx, args.id, r.approved_version);
        const prev = await latestRow(tx, args.id);
        const note = (args.note ?? r.publish_note)?.trim() || null;
        if (prev && !note)
          throw new ValidationError('a correction note is required to republish', [
            { path: ['note'], message: 'required' },
          ]);
        const nowIso = args.now.toISOString();
        const nowSec = Math.floor(args.now.getTime() / 1000);
        const doc: PublicationDoc = {
          id: args.id,
          title: ver.title,
          claimReviewed: ver.claimReviewed,
          verdict: ver.verdict,
          summary: ver.summary,
          body: ver.body,
          sources: ver.sources,
          lang: ver.lang,
          topics: args.facts.topics,
          province: args.facts.province,
          appearances: args.facts.appearances,
          publishedAt: prev?.doc.publishedAt ?? nowSec,
          publishedAtIso: prev?.doc.publishedAtIso ?? nowIso,
          modifiedAt: prev ? nowSec : null,
          modifiedAtIso: prev ? nowIso : null,
          url: `/responses/${args.id}`,
          version: r.approved_version,
          corrections: prev
            ? [...prev.doc.corrections, { version: r.approved_version, note: note!, dateIso: nowIso }]
            : [],
        };
        const seq = (prev?.seq ?? 0) + 1;
        await tx.query(
          `UPDATE responses SET state = 'published', published_version = approved_version, publish_at = NULL,
             publish_note = NULL, published_by = COALESCE($2, published_by), published_at = COALESCE(published_at, $3),
             updated_at = $3 WHERE id = $1`,
          [args.id, args.by, nowIso],
        );
        await tx.query(
          `INSERT INTO response_publications (response_id, seq, version, doc, correction_note, published_by, published_at)
           VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
          [args.id, seq, r.approved_version, JSON.stringify(doc), prev ? note : null, args.by, nowIso],
        );
        return { doc, seq, note: prev ? note : null };
      });
    },

    /** The document readers see now, or null if nothing of the response is public. */
    async latest(id: string): Promise<PublicationDoc | null> {
      if (!isUuid(id)) return null;
      return (await latestRow(db, id))?.doc ?? null;
    },

    /** Publications not yet in the index, older than `before` (the publishing path may still be on them). */
    async unindexed(before: Date, limit = 100): Promise<PendingPublication[]> {
      const { rows } = await db.query<{
        response_id: string;
        seq: number;
        doc: unknown;
        correction_note: string | null;
      }>(
        `SELECT response_id, seq, doc, correction_note FROM response_publications
         WHERE indexed_at IS NULL AND published_at < $1 ORDER BY published_at LIMIT $2`,
        [before.toISOString(), limit],
      );
      return rows.map((r) => ({
        responseId: r.response_id,
        seq: r.seq,
        doc: parseDoc(r.doc),
        note: r.correction_note,
      }));
    },

    async markIndexed(responseId: string, seq: number): Promise<void> {
      await db.query(
        'UPDATE response_publications SET indexed_at = now() WHERE response_id = $1 AND seq = $2',
        [responseId, seq],
      );
    },

    /** The current document of every public response, in batches (to rebuild the index). */
    async *iterateLatest(batchSize = 500): AsyncIterable<PublicationDoc[]> {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const { rows } = await db.query<{ response_id: string; doc: unknown }>(
          `SELECT DISTINCT ON (response_id) response_id, doc FROM response_publications
           WHERE response_id > $1 ORDER BY response_id, seq DESC LIMIT $2`,
          [after, batchSize],
        );
        if (rows.length === 0) return;
        after = rows.at(-1)!.response_id;
        yield rows.map((r) => parseDoc(r.doc));
      }
    },
  };

  async function latestRow(q: Sql, id: string) {
    const { rows } = await q.query<{ seq: number; doc: unknown }>(
      'SELECT seq, doc FROM response_publications WHERE response_id = $1 ORDER BY seq DESC LIMIT 1',
      [id],
    );
    return rows[0] ? { seq: rows[0].seq, doc: parseDoc(rows[0].doc) } : null;
  }
}

async function versionRow(q: Sql, id: string, version: number): Promise<ResponseInput> {
  const { rows } = await q.query<Record<string, unknown>>(
    'SELECT * FROM response_versions WHERE response_id = $1 AND version = $2',
    [id, version],
  );
  const v = rows[0];
  if (!v) throw new ConflictError(`response ${id} has no version ${version}`);
  return toResponseInput(v);
}

export type PublicationStore = ReturnType<typeof createPublicationStore>;
