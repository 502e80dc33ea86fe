import { NotFoundError } from '../domain/errors.js';
import type { ItemStatus } from '../domain/item.js';
import type { VerdictInput } from '../domain/review/verdicts.js';
import type { ItemActionStore } from '../store/item-action-store.js';
import type { IndexRequests } from './outbox.js';

/** Who does an action, for the audit log. */
export interface Actor {
  id: string;
  email: string;
}

/**
 * Item actions shared by the item page, the case page and bulk jobs. Each commits the
 * change, its audit entries and the items' request to be re-projected in one transaction
 * (the outbox), then enqueues the index jobs. Nothing here writes the search index: the
 * index stage does, and after an outage of the search engine the reconciler repairs it.
 */
export function createItemActions(deps: { store: ItemActionStore; index: Pick<IndexRequests, 'enqueue'> }) {
  const done = async <T>(r: { value: T; reproject: string[] }): Promise<T> => {
    await deps.index.enqueue(r.reproject);
    return r.value;
  };

  return {
    /** Sets the status; items that do not exist make it throw NotFoundError after the others are done. */
    async setStatus(ids: string[], status: ItemStatus, by: Actor) {
      const changed = await done(await deps.store.setStatus(ids, status, by));
      const missing = ids.filter((id) => !changed.includes(id));
      if (missing.length) throw new NotFoundError(`item ${missing[0]} not found`);
    },
    async assign(ids: string[], user: Actor | null, by: Actor) {
      await done(await deps.store.assign(ids, user, by));
    },
    async label(ids: string[], label: string, by: Actor) {
      await done(await deps.store.label(ids, label, by));
    },
    /** Records a verdict and marks the item verified; returns the verdict's id. */
    async verdict(itemId: string, input: VerdictInput, by: Actor): Promise<string> {
      return done(await deps.store.verdict(itemId, input, by));
    },
  };
}
export type ItemActions = ReturnType<typeof createItemActions>;
