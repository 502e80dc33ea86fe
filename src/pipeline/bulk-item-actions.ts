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
  items: Pick<ReturnType<typeof createItemStore>, 'getMany' | 'setStatus'>;
  review: Pick<ReviewStore, 'assign' | 'unassign' | 'assignees' | 'addLabel' | 'labels'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  search: Pick<SearchIndex, 'upsert'>;
}) {
  const projection = createItemProjection(deps);
  async function reproject(ids: string[]): Promise<void> {
    const docs = await projection.documents(ids);
    if (docs.length > 0) await deps.search.upsert('items', docs);
  }

  return {
    reproject,
    async setStatus(ids: string[], status: ItemStatus, by: Actor, reindex = true) {
      for (const id of ids) {
        await deps.items.setStatus(id, status);
        await deps.audit.append({
          actor: by.email,
          action: 'item.status',
          targetType: 'item',
          targetId: id,
          details: { status },
        });
      }
      if (reindex) await reproject(ids);
    },
    async assign(ids: string[], user: { id: string; email: string } | null, by: Actor, reindex = true) {
      for (const id of ids) {
        if (user) await deps.review.assign(id, user.id, by.id);
        else await deps.review.unassign(id);
        await deps.audit.append({
          actor: by.email,
          action: user ? 'item.assign' : 'item.unassign',
          targetType: 'item',
          targetId: id,
          details: user ? { assignee: user.email } : {},
        });
      }
      if (reindex) await reproject(ids);
    },
    async label(ids: string[], label: string, by: Actor, reindex = true) {
      for (const id of ids) {
        await deps.review.addLabel(id, label, by.id);
        await deps.audit.append({
          actor: by.email,
          action: 'item.label',
          targetType: 'item',
          targetId: id,
          details: { label },
        });
      }
      if (reindex) await reproject(ids);
    },
  };
}
export type ItemActions = ReturnType<typeof createItemActions>;
