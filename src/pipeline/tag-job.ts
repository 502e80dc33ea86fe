import type { TagResult } from '../domain/item.js';
import type { Tagger } from '../nlp/index.js';
import type { Metrics } from '../obs/metrics.js';
import type { JobDefinition, JobQueue } from '../queue/types.js';
import type { createItemStore, ItemWithTags } from '../store/index.js';
import type { TagHandoff } from './handoff.js';
import { indexJob } from './index-job.js';
import { createItemStage, type ItemJobPayload, itemJobSchema, itemJobs } from './item-stage.js';

/** Job "tag": run the NLP tagger over one stored item. */
export const tagJob: JobDefinition<ItemJobPayload> = {
  name: 'tag',
  schema: itemJobSchema,
  attempts: 30,
  backoffMs: 1000,
  // Failures here come from outages (database, search): resume within 5 s of the service's return.
  backoffMaxMs: 5000,
};

type Items = Pick<ReturnType<typeof createItemStore>, 'getMany' | 'saveTagResults'> &
  Partial<Pick<ReturnType<typeof createItemStore>, 'applicantNames'>>;

/**
 * Tags an item's text; an application's subject is redacted by the same tagger so no PII reaches the index.
 * `applicantName` (from the applicant record) is always redacted from an application's text and subject.
 */
export function tagItem(tagger: Pick<Tagger, 'tag'>, item: ItemWithTags, applicantName?: string): TagResult {
  const knownNames = applicantName ? [applicantName] : undefined;
  const result = tagger.tag(item.text, {
    kind: item.kind,
    lang: item.lang ?? undefined,
    id: item.id,
    knownNames,
    // An institution's own announcement (gov.tr link, official account) is not impersonation.
    sources: [item.url, item.author, item.source].filter((x): x is string => !!x),
  });
  if (item.subject) {
    return {
      ...result,
      redactedSubject: tagger.tag(item.subject, { kind: item.kind, cluster: false, knownNames }).redactedText,
    } as TagResult;
  }
  return result;
}

/** Items tagged between two turns of the event loop (about 5 ms of work). */
const YIELD_EVERY = 10;

/**
 * The tag stage: items are tagged in batches (one read, one write per batch),
 * then handed to the index queue. Safe to run twice for the same item.
 */
export function createTagStage(deps: {
  items: Items;
  tagger: Pick<Tagger, 'tag'>;
  queue: Pick<JobQueue, 'enqueueMany'>;
  metrics?: Pick<Metrics, 'stageLatency' | 'jobsProcessed'>;
  /** Where the index stage of this process finds the results just stored. */
  handoff?: Pick<TagHandoff, 'put'>;
  batchSize: number;
  batchMs: number;
}) {
  return createItemStage({
    stage: 'tag',
    batchSize: deps.batchSize,
    batchMs: deps.batchMs,
    metrics: deps.metrics,
    run: async (ids) => {
      const items = await deps.items.getMany(ids);
      // Applicants' own names are always redacted from their applications: one query per batch.
      const appIds = items.filter((i) => i.kind === 'application').map((i) => i.id);
      const names =
        appIds.length && deps.items.applicantNames ? await deps.items.applicantNames(appIds) : new Map();
      // Tagging is synchronous CPU work: the event loop is handed back every few items, so that
      // HTTP requests and queue lock renewals in the same process are not held for a whole batch.
      const results: { id: string; result: TagResult }[] = [];
      for (const [k, item] of items.entries()) {
        if (k > 0 && k % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
        results.push({ id: item.id, result: tagItem(deps.tagger, item, names.get(item.id)) });
      }
      const versions = await deps.items.saveTagResults(results);
      if (deps.handoff && versions)
        for (const r of results) {
          const v = versions.get(r.id);
          if (v !== undefined) deps.handoff.put(r.id, r.result, v);
        }
      const now = Date.now();
      // The batch goes on as one index job, with each item's size so the index stage can bound
      // its batches by the text they carry, not only by count.
      // (`results` holds one entry per item, in the items' order.)
      await deps.queue.enqueueMany(
        indexJob,
        itemJobs(
          results.map((r) => r.id),
          now,
          (first, n) => `index-${first}-${now}-${n}`,
          items.map((i) => i.text.length + (i.subject?.length ?? 0)),
        ),
      );
    },
  });
}
