import type { z } from 'zod';
import { applicationKey, postKey } from '../domain/idempotency.js';
import {
  type ApplicationInput,
  applicationInputSchema,
  type ItemKind,
  type PostInput,
  postInputSchema,
} from '../domain/item.js';
import { storableIssues } from '../domain/storable.js';
import type { JobQueue } from '../queue/types.js';
import type { CaseDeadline } from '../store/application-store.js';
import type { createItemStore, NewItem } from '../store/index.js';
import { itemJobs } from './item-stage.js';
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

type ItemStore = Pick<ReturnType<typeof createItemStore>, 'insertMany' | 'insertEach'>;

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

/** SQLSTATE classes that blame the data of one row rather than the database: data exception, some constraint checks, program limits. */
const isDataError = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|54|23514|23502)/.test(code);
};

/**
 * Validates, stores and enqueues records; an application is stored with its case and
 * legal deadline. Valid records are accepted even when others in the same batch are
 * rejected (each by its index, with the reason); a repeated record is counted as a
 * duplicate and not stored twice. The accepted records of one call are stored in one
 * transaction: the call either stores everything it answers as accepted or nothing
 * (and throws). Items are durable once this resolves: a failure to enqueue is
 * repaired by the reconciler (stage 'received').
 */
export function createIngestService(deps: {
  items: ItemStore;
  queue: Pick<JobQueue, 'enqueueMany'>;
  /** The legal deadline of a new application: its case is created in the transaction that stores it. */
  caseDeadline?: CaseDeadline;
  onCounted?: (kind: ItemKind, r: IngestResult) => void;
  /** Rows per INSERT statement; the chunks of one call share a transaction. */
  chunkSize?: number;
  /** Index jobs for repeats of stored items (whose duplicate count the index shows). */
  index?: Pick<IndexRequests, 'enqueue'>;
}) {
  const chunkSize = deps.chunkSize ?? 1000;

  /** Stores valid items; records the database still refuses are returned by position in `items`. */
  async function store(items: NewItem[]) {
    if (items.length === 0) return { accepted: 0, duplicates: 0, refused: [] };
    let res: {
      inserted: { id: string }[];
      duplicates: number;
      refused?: { position: number; message: string }[];
      reproject: string[];
    };
    try {
      res = await deps.items.insertMany(items, { caseDeadline: deps.caseDeadline, chunkSize });
    } catch (err) {
      // A value validation let through but PostgreSQL refuses: find it (and only it) record by record.
      if (!isDataError(err)) throw err;
      res = await deps.items.insertEach(items, { caseDeadline: deps.caseDeadline });
    }
    const now = Date.now();
    // One tag job per chunk of ids (not per item): the queue's cost is per job.
    await deps.queue
      .enqueueMany(
        tagJob,
        itemJobs(
          res.inserted.map((r) => r.id),
          now,
          (first, n) => `tag-${first}-${n}`,
        ),
      )
      .catch(() => {
        // Stored with stage 'received': the reconciler re-enqueues it, so nothing is lost.
      });
    // Repeats of stored items: their new duplicate count goes to the index (outbox).
    await deps.index?.enqueue(res.reproject);
    return { accepted: res.inserted.length, duplicates: res.duplicates, refused: res.refused ?? [] };
  }

  /** Validates one record: first what PostgreSQL could not store, then the schema of its kind. */
  function validate(kind: ItemKind, rec: unknown, source: string | undefined) {
    const issues = storableIssues(rec);
    if (issues.length > 0) return { errors: issues };
    if (kind === 'post') {
      const p = postInputSchema.safeParse(rec);
      return p.success ? { item: postToItem(p.data) } : { errors: recordErrors(p.error) };
    }
    const a = applicationInputSchema.safeParse(rec);
    return a.success ? { item: applicationToItem(a.data, source) } : { errors: recordErrors(a.error) };
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
      const indexOf: number[] = [];
      records.forEach((rec, index) => {
        if (rec === undefined) return;
        const v = validate(kind, rec, opts.source);
        if (v.errors) rejected.push({ index, errors: v.errors });
        else {
          valid.push(v.item);
          indexOf.push(index);
        }
      });
      const { accepted, duplicates, refused } = await store(valid);
      for (const r of refused)
        rejected.push({
          index: indexOf[r.position]!,
          errors: [{ path: '(record)', message: `the database refused this record: ${r.message}` }],
        });
      rejected.sort((a, b) => a.index - b.index);
      const result = { accepted, duplicates, rejected };
      deps.onCounted?.(kind, result);
      return result;
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
