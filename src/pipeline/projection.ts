import type { ItemDocument } from '../search/types.js';
import type { createItemStore, ItemWithTags } from '../store/index.js';
import type { ReviewStore } from '../store/review-store.js';
import { toItemDocument } from './documents.js';

/**
 * The one projection of items into the staff index: the item with its tag
 * result, plus the assignee and manual labels from the review tables. The index
 * stage, `reindex` and item actions all use it, so no path drops a field.
 */
export function createItemProjection(deps: {
  items: Pick<ReturnType<typeof createItemStore>, 'getMany'>;
  review: Pick<ReviewStore, 'assignees' | 'labels'>;
}) {
  async function decorate(items: ItemWithTags[]): Promise<ItemDocument[]> {
    const tagged = items.filter((i) => i.tagResult);
    if (tagged.length === 0) return [];
    const ids = tagged.map((i) => i.id);
    const [assignees, labels] = await Promise.all([deps.review.assignees(ids), deps.review.labels(ids)]);
    return tagged.map((i) =>
      toItemDocument(i, { assignee: assignees.get(i.id)?.email ?? null, labels: labels.get(i.id) ?? [] }),
    );
  }
  return {
    decorate,
    /** Documents of the given items that have been tagged (others are skipped). */
    async documents(ids: string[]): Promise<ItemDocument[]> {
      return decorate(await deps.items.getMany(ids));
    },
  };
}

export type ItemProjection = ReturnType<typeof createItemProjection>;
