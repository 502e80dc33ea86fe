import { NotFoundError } from '../domain/errors.js';
import type { ItemStatus } from '../domain/item.js';
import type { SearchIndex } from '../search/types.js';
import type { createAuditLog, createItemStore } from '../store/index.js';
import type { ReviewStore } from '../store/review-store.js';
import { createItemProjection } from './projection.js';

/** Who does an action, for the audit log. */
export interface Actor {
  id: string;
  email: string;
}

/**
 * Item actions shared by the item page and bulk jobs: each writes Postgres and
 * the audit log, then re-projects the items into the search index (with the
 * assignee and manual labels, which live in review tables).
 */
export function createItemActions(deps: {
  items: Pick<ReturnType<typeof createItemStore>, 'getMany' | 'setStatusMany'>;
  review: Pick<ReviewStore, 'assign' | 'unassign' | 'assignees' | 'addLabel' | 'labels'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'appendMany'>;
  search: Pick<SearchIndex, 'upsert'>;
}) {
  const projection = createItemProjection(deps);
  const audit = (ids: string[], by: Actor, action: string, details: Record<string, unknown>) =>
    deps.audit.appendMany(
      ids.map((id) => ({ actor: by.email, action, targetType: 'item', targetId: id, details })),
    );

  async function reproject(ids: string[]): Promise<void> {
    const docs = await projection.documents(ids);
    if (docs.length > 0) await deps.search.upsert('items', docs);
  }

  return {
    reproject,
    /** Sets the status; items that do not exist make it throw NotFoundError after the others are done. */
    async setStatus(ids: string[], status: ItemStatus, by: Actor, reindex = true) {
      const changed = await deps.items.setStatusMany(ids, status);
      await audit(changed, by, 'item.status', { status });
      if (reindex) await reproject(changed);
      const missing = ids.filter((id) => !changed.includes(id));
      if (missing.length) throw new NotFoundError(`item ${missing[0]} not found`);
    },
    async assign(ids: string[], user: { id: string; email: string } | null, by: Actor, reindex = true) {
      if (user) await deps.review.assign(ids, user.id, by.id);
      else await deps.review.unassign(ids);
      await audit(ids, by, user ? 'item.assign' : 'item.unassign', user ? { assignee: user.email } : {});
      if (reindex) await reproject(ids);
    },
    async label(ids: string[], label: string, by: Actor, reindex = true) {
      await deps.review.addLabel(ids, label, by.id);
      await audit(ids, by, 'item.label', { label });
      if (reindex) await reproject(ids);
    },
  };
}
export type ItemActions = ReturnType<typeof createItemActions>;
