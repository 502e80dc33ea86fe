import { randomBytes } from 'node:crypto';
import type { ApplicationType, ItemStatus } from '../domain/item.js';
import { isUuid, newId } from './ids.js';
import type { Database } from './types.js';

/** An attachment's metadata (the bytes live under `DATA_DIR/attachments/<storedName>`). */
export interface IntakeAttachment {
  id: string;
  submissionId: string;
  itemId: string | null;
  storedName: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

/** What a tracking code may reveal: never the text or the applicant. */
export interface TrackedApplication {
  itemId: string;
  appType: ApplicationType;
  status: ItemStatus;
  receivedAt: string;
}

type AttachmentRow = {
  id: string;
  submission_id: string;
  item_id: string | null;
  stored_name: string;
  original_name: string;
  content_type: string;
  size_bytes: number | string;
  sha256: string;
  created_at: string;
};

const toAttachment = (r: AttachmentRow): IntakeAttachment => ({
  id: r.id,
  submissionId: r.submission_id,
  itemId: r.item_id,
  storedName: r.stored_name,
  originalName: r.original_name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  createdAt: r.created_at,
});

const ATTACHMENT_SELECT = `SELECT a.id, a.submission_id, s.item_id, a.stored_name, a.original_name, a.content_type,
  a.size_bytes, a.sha256, a.created_at
  FROM intake_attachments a JOIN intake_submissions s ON s.id = a.submission_id`;

/** Tracking codes, attachments and shared secrets of the public intake form. */
export function createIntakeStore(db: Database) {
  return {
    /** A named secret shared by all processes: created once (first writer wins), then read. */
    async secret(name: string): Promise<string> {
      await db.query('INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        name,
        randomBytes(32).toString('base64url'),
      ]);
      const { rows } = await db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [
        name,
      ]);
      return rows[0]!.value;
    },

    /** Records a submission and its attachments in one transaction, before the item is ingested. */
    async createSubmission(s: {
      externalId: string;
      trackingHash: string;
      attachments: Omit<IntakeAttachment, 'id' | 'submissionId' | 'itemId' | 'createdAt'>[];
    }): Promise<{ id: string; attachmentIds: string[] }> {
      const id = newId();
      const attachmentIds = s.attachments.map(() => newId());
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO intake_submissions (id, external_id, tracking_hash) VALUES ($1, $2, $3)',
          [id, s.externalId, s.trackingHash],
        );
        for (const [i, a] of s.attachments.entries())
          await tx.query(
            `INSERT INTO intake_attachments (id, submission_id, stored_name, original_name, content_type, size_bytes, sha256)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [attachmentIds[i], id, a.storedName, a.originalName, a.contentType, a.sizeBytes, a.sha256],
          );
      });
      return { id, attachmentIds };
    },

    /** Links a submission to the item ingested for it; returns the item id, or null if there is none. */
    async linkItem(submissionId: string): Promise<string | null> {
      const { rows } = await db.query<{ item_id: string | null }>(
        `UPDATE intake_submissions s SET item_id = i.id FROM items i
         WHERE s.id = $1 AND i.idempotency_key = 'application:' || s.external_id
         RETURNING s.item_id`,
        [submissionId],
      );
      return rows[0]?.item_id ?? null;
    },

    /** True if a submission with this external id exists (a form sent twice). */
    async hasSubmission(externalId: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM intake_submissions WHERE external_id = $1', [
        externalId,
      ]);
      return rows.length > 0;
    },

    /** Removes a submission whose ingest failed (its attachments go with it). */
    async deleteSubmission(submissionId: string): Promise<void> {
      await db.query('DELETE FROM intake_submissions WHERE id = $1', [submissionId]);
    },

    /** The application behind a tracking-code hash, or null. */
    async findByTrackingHash(hash: string): Promise<TrackedApplication | null> {
      const { rows } = await db.query<{
        id: string;
        app_type: ApplicationType;
        status: ItemStatus;
        occurred_at: string | null;
        created_at: string;
      }>(
        `SELECT i.id, i.app_type, i.status, i.occurred_at, i.created_at FROM intake_submissions s
         JOIN items i ON i.id = coalesce(s.item_id,
           (SELECT x.id FROM items x WHERE x.idempotency_key = 'application:' || s.external_id))
         WHERE s.tracking_hash = $1 LIMIT 1`,
        [hash],
      );
      const r = rows[0];
      return r
        ? { itemId: r.id, appType: r.app_type, status: r.status, receivedAt: r.occurred_at ?? r.created_at }
        : null;
    },

    async getAttachment(id: string): Promise<IntakeAttachment | null> {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<AttachmentRow>(`${ATTACHMENT_SELECT} WHERE a.id = $1`, [id]);
      return rows[0] ? toAttachment(rows[0]) : null;
    },

    /**
     * Deletes the attachment rows of these items (KVKK erasure, retention) and
     * returns their stored names, for the caller to remove the files afterwards.
     */
    async deleteAttachmentsOf(itemIds: string[]): Promise<string[]> {
      const ids = itemIds.filter(isUuid);
      if (ids.length === 0) return [];
      const { rows } = await db.query<{ stored_name: string }>(
        `DELETE FROM intake_attachments a USING intake_submissions s
         WHERE s.id = a.submission_id AND s.item_id = ANY($1::uuid[]) RETURNING a.stored_name`,
        [ids],
      );
      return rows.map((r) => r.stored_name);
    },

    /** The attachments of an application item, oldest first. */
    async listAttachments(itemId: string): Promise<IntakeAttachment[]> {
      if (!isUuid(itemId)) return [];
      const { rows } = await db.query<AttachmentRow>(
        `${ATTACHMENT_SELECT} WHERE s.item_id = $1 ORDER BY a.created_at, a.id`,
        [itemId],
      );
      return rows.map(toAttachment);
    },
  };
}

export type IntakeStore = ReturnType<typeof createIntakeStore>;
