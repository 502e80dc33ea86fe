import type { z } from 'zod';
import { applicationKey, postKey } from '../domain/idempotency.js';
import {
  type ApplicationInput,
  applicationInputSchema,
  type ItemKind,
  type PostInput,
  postInputSchema,
} from '../domain/item.js';
import type { JobQueue } from '../queue/types.js';
import type { CaseDeadline } from '../store/application-store.js';
import type { createItemStore, NewItem } from '../store/index.js';
import type { IndexRequests } from './outbox.js';
import { tagJob } from './tag-job.js';

export interface RecordError {
  path: string;
  message: string;
}

/** The ingest answer of the interface contract. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; errors: RecordError[] }[];
}

type ItemStore = Pick<ReturnType<typeof createItemStore>, 'insertMany'>;

const KNOWN_POST = new Set([
  'source',
  'text',
  'externalId',
  'url',
  'author',
  'publishedAt',
  'lang',
  'province',
]);
const KNOWN_APP = new Set(['type', 'text', 'subject', 'province', 'receivedAt', 'externalId', 'applicant']);

const extraOf = (rec: Record<string, unknown>, known: Set<string>) =>
  Object.fromEntries(Object.entries(rec).filter(([k]) => !known.has(k)));

/** Maps a validated post to a stored item. */
export function postToItem(p: PostInput): NewItem {
  return {
    kind: 'post',
    idempotencyKey: postKey(p),
    source: p.source,
    externalId: p.externalId ?? null,
    text: p.text,
    appType: null,
    subject: null,
    url: p.url ?? null,
    author: p.author ?? null,
    lang: p.lang ?? null,
    province: p.province ?? null,
    occurredAt: p.publishedAt ? new Date(p.publishedAt).toISOString() : null,
    extra: extraOf(p, KNOWN_POST),
    applicant: null,
  };
}

/** Maps a validated application to a stored item; the applicant stays apart from the text. */
export function applicationToItem(a: ApplicationInput, source = 'basvuru'): NewItem {
  return {
    kind: 'application',
    idempotencyKey: applicationKey(a),
    source,
    externalId: a.externalId ?? null,
    text: a.text,
    appType: a.type,
    subject: a.subject ?? null,
    url: null,
    author: null,
    lang: null,
    province: a.province ?? null,
    occurredAt: a.receivedAt ? new Date(a.receivedAt).toISOString() : null,
    extra: extraOf(a, KNOWN_APP),
    applicant: a.applicant ?? null,
  };
}

/** Turns zod issues into the per-record error list of the ingest answer. */
export function recordErrors(error: z.ZodError): RecordError[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(record)', message: i.message }));
}

/**
 * Validates, stores and enqueues records; an application is stored with its case and
 * legal deadline in one transaction. Valid records are accepted even when
 * others in the same batch are rejected; a repeated record is counted as a
 * duplicate and not stored twice. Items are durable once this resolves: a
 * failure to enqueue is repaired by the reconciler (stage 'received').
 */
export function createIngestService(deps: {
  items: ItemStore;
  queue: Pick<JobQueue, 'enqueueMany'>;
  /** The legal deadline of a new application: its case is created in the transaction that stores it. */
  caseDeadline?: CaseDeadline;
  onCounted?: (kind: ItemKind, r: IngestResult) => void;
  chunkSize?: number;
  /** Index jobs for repeats of stored items (whose duplicate count the index shows). */
  index?: Pick<IndexRequests, 'enqueue'>;
}) {
  const chunkSize = deps.chunkSize ?? 1000;

  async function store(items: NewItem[]): Promise<{ accepted: number; duplicates: number }> {
    let accepted = 0;
    let duplicates = 0;
    for (let i = 0; i < items.length; i += chunkSize) {
      const res = await deps.items.insertMany(items.slice(i, i + chunkSize), {
        caseDeadline: deps.caseDeadline,
      });
      accepted += res.inserted.length;
      duplicates += res.duplicates;
      const now = Date.now();
      await deps.queue
        .enqueueMany(
          tagJob,
          res.inserted.map((r) => ({
            payload: { itemId: r.id, enqueuedAt: now },
            opts: { jobId: `tag-${r.id}` },
          })),
        )
        .catch(() => {
          // Stored with stage 'received': the reconciler re-enqueues it, so nothing is lost.
        });
      // Repeats of stored items: their new duplicate count goes to the index (outbox).
      await deps.index?.enqueue(res.reproject);
    }
    return { accepted, duplicates };
  }

  return {
    /** Ingests raw records of one kind; `parseErrors` are records that could not even be parsed (by index). */
    async ingest(
      kind: ItemKind,
      records: unknown[],
      parseErrors: { index: number; errors: RecordError[] }[] = [],
      opts: { source?: string } = {},
    ): Promise<IngestResult> {
      const rejected = [...parseErrors];
      const valid: NewItem[] = [];
      records.forEach((rec, index) => {
        if (rec === undefined) return;
        const parsed =
          kind === 'post' ? postInputSchema.safeParse(rec) : applicationInputSchema.safeParse(rec);
        if (!parsed.success) rejected.push({ index, errors: recordErrors(parsed.error) });
        else
          valid.push(
            kind === 'post'
              ? postToItem(parsed.data as PostInput)
              : applicationToItem(parsed.data as ApplicationInput, opts.source),
          );
      });
      const { accepted, duplicates } = await store(valid);
      rejected.sort((a, b) => a.index - b.index);
      const result = { accepted, duplicates, rejected };
      deps.onCounted?.(kind, result);
      return result;
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
