import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { AppEvents } from '../domain/events.js';
import type { PublicationDoc } from '../domain/published-response.js';
import { nextResponseState, publishBlock } from '../domain/review/response-workflow.js';
import type { Logger } from '../obs/logger.js';
import type { SearchIndex } from '../search/types.js';
import type { ItemStore } from '../store/item-store.js';
import type { PublicationStore } from '../store/publication-store.js';
import type { ResponseStore } from '../store/response-store.js';
import type { ReviewStore } from '../store/review-store.js';

/** Why a response cannot be published yet (its item's verdicts), or null. */
export async function publishBlockOf(
  deps: { items: Pick<ItemStore, 'get'>; review: Pick<ReviewStore, 'verdicts'> },
  r: { kind: string; itemId: string | null },
) {
  if (r.kind !== 'public' || !r.itemId) return null;
  const [item, verdicts] = await Promise.all([deps.items.get(r.itemId), deps.review.verdicts(r.itemId)]);
  return publishBlock(r, item ? { flagged: !!item.tagResult?.flagged } : null, verdicts);
}

/** Who publishes (null for the embargo task). */
export interface Publisher {
  id: string;
  email: string;
}

/** What the publish form asks for: an optional embargo time and, for a republication, the note. */
export interface PublishRequest {
  at?: Date | null;
  note?: string | null;
}

/**
 * The publication service: publish now or at a time (embargo), republish as a
 * correction, the embargo task's run and the repair of the index projection.
 * Exactly once: every publication is a compare-and-set in the database; only
 * the caller that wins indexes the document and raises the event.
 */
export function createPublicationService(deps: {
  responses: Pick<ResponseStore, 'get' | 'transition'>;
  publications: PublicationStore;
  search: Pick<SearchIndex, 'upsert' | 'rebuild'>;
  events: Pick<AppEvents, 'emit'>;
  logger: Pick<Logger, 'info' | 'error'>;
  now?: () => Date;
}) {
  const clock = deps.now ?? (() => new Date());

  /** Puts a won publication into the index, raises its event, marks it done. */
  async function project(p: { responseId: string; seq: number; doc: PublicationDoc; note: string | null }) {
    await deps.search.upsert('responses', [p.doc]);
    if (p.seq === 1) await deps.events.emit('response.published', { response: p.doc });
    else await deps.events.emit('response.corrected', { response: p.doc, note: p.note ?? '' });
    await deps.publications.markIndexed(p.responseId, p.seq);
  }

  async function publishNow(
    id: string,
    by: Publisher | null,
    opts: { note: string | null; now: Date; dueOnly?: boolean },
  ) {
    const r = await deps.responses.get(id);
    if (!r) return null;
    const facts = await deps.publications.facts(r.itemId);
    const won = await deps.publications.publish({
      id,
      from: opts.dueOnly ? ['scheduled'] : ['approved', 'scheduled'],
      by: by?.id ?? null,
      now: opts.now,
      note: opts.note,
      dueAt: opts.dueOnly ? opts.now : undefined,
      facts,
    });
    if (!won) return null;
    await project({ responseId: id, ...won });
    deps.logger.info({ responseId: id, seq: won.seq, version: won.doc.version }, 'response published');
    return won.doc;
  }

  return {
    /**
     * Publishes an approved (or scheduled) response now, or schedules it when `at` is in
     * the future. A public response that was published before needs a correction note.
     * Replies to applicants only change state: they never become public.
     */
    async publish(id: string, by: Publisher, req: PublishRequest = {}) {
      const r = await deps.responses.get(id);
      if (!r) throw new NotFoundError('no such response');
      const note = req.note?.trim() || null;
      const now = clock();
      const future = r.kind === 'public' && req.at && req.at.getTime() > now.getTime() ? req.at : null;
      nextResponseState(r, future ? 'schedule' : 'publish', by.id);
      if (r.kind === 'reply') {
        await deps.responses.transition(id, r.state, 'published', by.id);
        return { state: 'published' as const, doc: null };
      }
      if (r.publishedVersion !== null && !note && !(r.state === 'scheduled' && r.publishNote))
        throw new ValidationError('a correction note is required to republish', [
          { path: ['note'], message: 'required' },
        ]);
      if (future) {
        await deps.publications.schedule(id, future, note, by.id);
        return { state: 'scheduled' as const, doc: null };
      }
      const doc = await publishNow(id, by, { note, now });
      if (!doc) throw new ConflictError('the response changed meanwhile; reload and try again');
      return { state: 'published' as const, doc };
    },

    /**
     * The embargo task's run (the `embargo-publish` periodic task): publishes every scheduled response whose time has passed
     * (each one exactly once, whichever worker gets there first) and re-projects
     * publications whose indexing was interrupted. Returns the ids it published.
     */
    async tick(now: Date = clock()): Promise<string[]> {
      const done: string[] = [];
      for (const id of await deps.publications.due(now)) {
        try {
          if (await publishNow(id, null, { note: null, now, dueOnly: true })) done.push(id);
        } catch (err) {
          deps.logger.error({ err, responseId: id }, 'scheduled publication failed');
        }
      }
      for (const p of await deps.publications.unindexed(new Date(now.getTime() - 60_000))) {
        await project(p).catch((err) =>
          deps.logger.error({ err, responseId: p.responseId }, 're-projecting a publication failed'),
        );
      }
      return done;
    },

    /** Rebuilds the `responses` index from the publication table (the system of record). */
    rebuildIndex: (): Promise<number> => reindexResponses(deps),
  };
}
export type PublicationService = ReturnType<typeof createPublicationService>;

/**
 * Rebuilds the `responses` index from the publication table without building the
 * service (for `npm run reindex`): the current document of every public response.
 */
export function reindexResponses(deps: {
  publications: Pick<PublicationStore, 'iterateLatest'>;
  search: Pick<SearchIndex, 'rebuild'>;
}): Promise<number> {
  return deps.search.rebuild('responses', deps.publications.iterateLatest());
}
