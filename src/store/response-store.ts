import { ConflictError } from '../domain/errors.js';
import type { ResponseState } from '../domain/review/response-workflow.js';
import type { ResponseInput } from '../domain/review/verdicts.js';
import { isUuid, newId } from './ids.js';
import { notifyResponse } from './notification-sql.js';
import type { Database } from './types.js';

/** One kept version of a response. */
export interface ResponseVersion extends ResponseInput {
  version: number;
  authorId: string;
  authorName: string;
  createdAt: string;
}

/** A response with all its versions, newest first. */
export interface ResponseRecord {
  id: string;
  itemId: string | null;
  kind: 'public' | 'reply';
  state: ResponseState;
  createdBy: string;
  currentVersion: number;
  approvedBy: string | null;
  approvedVersion: number | null;
  publishedAt: string | null;
  /** The version readers see now; null while nothing of the response is public. */
  publishedVersion: number | null;
  /** When a scheduled (embargoed) publication becomes public; null unless scheduled. */
  publishAt: string | null;
  /** The correction note of a scheduled republication. */
  publishNote: string | null;
  reviewNote: string | null;
  updatedAt: string;
  versions: ResponseVersion[];
  authorIds: string[];
}

type Row = Record<string, unknown>;

/** The content columns of a `response_versions` row. */
export const toResponseInput = (r: Row): ResponseInput => ({
  title: r.title as string,
  claimReviewed: r.claim_reviewed as string,
  verdict: r.verdict as ResponseInput['verdict'],
  summary: r.summary as string,
  body: r.body as string,
  sources: r.sources as string[],
  lang: r.lang as 'tr' | 'en',
});

const toVersion = (r: Row): ResponseVersion => ({
  ...toResponseInput(r),
  version: r.version as number,
  authorId: r.author_id as string,
  authorName: r.author_name as string,
  createdAt: r.created_at as string,
});

/** Responses and their versions; versions are insert-only. */
export function createResponseStore(db: Database) {
  const insertVersion = (
    q: Pick<Database, 'query'>,
    id: string,
    version: number,
    v: ResponseInput,
    by: string,
  ) =>
    q.query(
      `INSERT INTO response_versions (response_id, version, title, claim_reviewed, verdict, summary, body, sources,
         lang, author_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
      [
        id,
        version,
        v.title,
        v.claimReviewed,
        v.verdict,
        v.summary,
        v.body,
        JSON.stringify(v.sources),
        v.lang,
        by,
      ],
    );

  return {
    async create(r: { itemId: string | null; kind: 'public' | 'reply'; draft: ResponseInput; by: string }) {
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO responses (id, item_id, kind, state, created_by) VALUES ($1, $2, $3, 'draft', $4)`,
          [id, r.itemId, r.kind, r.by],
        );
        await insertVersion(tx, id, 1, r.draft, r.by);
      });
      return id;
    },

    /** Adds a version and moves the response back to draft, if it is still in `expected` state. */
    async addVersion(id: string, expected: ResponseState, draft: ResponseInput, by: string): Promise<number> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ current_version: number }>(
          `UPDATE responses SET current_version = current_version + 1, state = 'draft', updated_at = now()
           WHERE id = $1 AND state = $2 RETURNING current_version`,
          [id, expected],
        );
        const v = rows[0]?.current_version;
        if (v === undefined) throw new ConflictError('the response changed meanwhile; reload and try again');
        await insertVersion(tx, id, v, draft, by);
        return v;
      });
    },

    /**
     * Compare-and-set of the state; throws ConflictError when someone else moved it first.
     * Publication (state `scheduled`/`published` of public responses) goes through the publication service.
     * Submitting, approving and sending back notify the people concerned in the same transaction.
     */
    async transition(
      id: string,
      from: ResponseState,
      to: ResponseState,
      by: string,
      note?: string,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const r = await tx.query(
          `UPDATE responses SET state = $3, updated_at = now(),
             approved_by = CASE WHEN $3 = 'approved' THEN $4::uuid WHEN $3 = 'changes_requested' THEN NULL ELSE approved_by END,
             approved_version = CASE WHEN $3 = 'approved' THEN current_version ELSE approved_version END,
             published_by = CASE WHEN $3 = 'published' THEN $4::uuid ELSE published_by END,
             published_at = CASE WHEN $3 = 'published' THEN now() ELSE published_at END,
             publish_at = CASE WHEN $3 = 'scheduled' THEN publish_at ELSE NULL END,
             publish_note = CASE WHEN $3 = 'scheduled' THEN publish_note ELSE NULL END,
             review_note = COALESCE($5, review_note)
           WHERE id = $1 AND state = $2`,
          [id, from, to, by, note ?? null],
        );
        if (r.rowCount === 0) throw new ConflictError('the response changed meanwhile; reload and try again');
        const event =
          to === 'submitted'
            ? 'submitted'
            : to === 'approved'
              ? 'approved'
              : to === 'changes_requested'
                ? 'returned'
                : null;
        if (event) await notifyResponse(tx, id, event, by);
      });
    },

    async get(id: string): Promise<ResponseRecord | null> {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<Row>('SELECT * FROM responses WHERE id = $1', [id]);
      const r = rows[0];
      if (!r) return null;
      const { rows: vs } = await db.query<Row>(
        `SELECT v.*, u.name AS author_name FROM response_versions v JOIN users u ON u.id = v.author_id
         WHERE v.response_id = $1 ORDER BY v.version DESC`,
        [id],
      );
      const versions = vs.map(toVersion);
      return {
        id,
        itemId: r.item_id as string | null,
        kind: r.kind as 'public' | 'reply',
        state: r.state as ResponseState,
        createdBy: r.created_by as string,
        currentVersion: r.current_version as number,
        approvedBy: r.approved_by as string | null,
        approvedVersion: r.approved_version as number | null,
        publishedAt: r.published_at as string | null,
        publishedVersion: r.published_version as number | null,
        publishAt: r.publish_at as string | null,
        publishNote: r.publish_note as string | null,
        reviewNote: r.review_note as string | null,
        updatedAt: r.updated_at as string,
        versions,
        authorIds: [...new Set([r.created_by as string, ...versions.map((v) => v.authorId)])],
      };
    },

    /** Responses with their latest title, newest first; filtered by state, item or author. */
    async list(f: { states?: ResponseState[]; itemId?: string; createdBy?: string; limit?: number } = {}) {
      const { rows } = await db.query<Row>(
        `SELECT r.id, r.item_id, r.kind, r.state, r.created_by, r.updated_at, v.title, u.name AS author_name
         FROM responses r
         JOIN response_versions v ON v.response_id = r.id AND v.version = r.current_version
         JOIN users u ON u.id = r.created_by
         WHERE ($1::text[] IS NULL OR r.state = ANY($1::text[]))
           AND ($2::uuid IS NULL OR r.item_id = $2::uuid) AND ($3::uuid IS NULL OR r.created_by = $3::uuid)
         ORDER BY r.updated_at DESC LIMIT $4`,
        [f.states ?? null, f.itemId ?? null, f.createdBy ?? null, f.limit ?? 100],
      );
      return rows.map((r) => ({
        id: r.id as string,
        itemId: r.item_id as string | null,
        kind: r.kind as string,
        state: r.state as ResponseState,
        title: r.title as string,
        authorName: r.author_name as string,
        updatedAt: r.updated_at as string,
      }));
    },
  };
}
export type ResponseStore = ReturnType<typeof createResponseStore>;
