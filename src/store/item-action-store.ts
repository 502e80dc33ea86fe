import type { ItemStatus } from '../domain/item.js';
import type { VerdictInput } from '../domain/review/verdicts.js';
import { type AuditInput, createAuditLog } from './audit-log.js';
import { setItemStatus } from './item-store.js';
import { requestReprojection } from './outbox-sql.js';
import { addItemLabel, assignItems, insertVerdict, unassignItems } from './review-store.js';
import type { Database, Tx } from './types.js';

/** Who acts, as the audit log and the review tables record them. */
export interface ActionActor {
  id: string;
  email: string;
}

/** What an item action committed: its result, and the items now waiting for the index stage. */
export interface ActionResult<T> {
  value: T;
  reproject: string[];
}

/**
 * Staff actions on items (status, assignment, label, verdict). Each is one transaction:
 * the change, its audit entries and the request to re-project the items into the staff
 * index (the outbox, see outbox-sql.ts), so an outage of the search engine can neither
 * lose the index update nor leave a change unaudited.
 */
export function createItemActionStore(db: Database) {
  const change = <T>(
    fn: (tx: Tx) => Promise<{ value: T; ids: string[]; audit: AuditInput[] }>,
  ): Promise<ActionResult<T>> =>
    db.transaction(async (tx) => {
      const r = await fn(tx);
      await createAuditLog(tx).appendMany(r.audit);
      return { value: r.value, reproject: await requestReprojection(tx, r.ids) };
    });
  const entries = (ids: string[], by: ActionActor, action: string, details: Record<string, unknown>) =>
    ids.map((id) => ({ actor: by.email, action, targetType: 'item', targetId: id, details }));

  return {
    /** Sets the status of the items that exist; `value` is the ids it changed. */
    setStatus: (ids: string[], status: ItemStatus, by: ActionActor) =>
      change(async (tx) => {
        const changed = await setItemStatus(tx, ids, status);
        return { value: changed, ids: changed, audit: entries(changed, by, 'item.status', { status }) };
      }),

    /** Assigns the items to `user` (notified in the same transaction), or unassigns them. */
    assign: (ids: string[], user: ActionActor | null, by: ActionActor) =>
      change(async (tx) => {
        if (user) await assignItems(tx, ids, user.id, by.id);
        else await unassignItems(tx, ids);
        const audit = user
          ? entries(ids, by, 'item.assign', { assignee: user.email })
          : entries(ids, by, 'item.unassign', {});
        return { value: undefined, ids, audit };
      }),

    /** Adds a manual label to the items. */
    label: (ids: string[], label: string, by: ActionActor) =>
      change(async (tx) => {
        await addItemLabel(tx, ids, label, by.id);
        return { value: undefined, ids, audit: entries(ids, by, 'item.label', { label }) };
      }),

    /** Records a verdict and marks the item verified; `value` is the verdict's id. */
    verdict: (itemId: string, input: VerdictInput, by: ActionActor) =>
      change(async (tx) => {
        const verdictId = await insertVerdict(tx, itemId, input, by.id);
        const changed = await setItemStatus(tx, [itemId], 'verified');
        const audit = [
          ...entries([itemId], by, 'item.verdict', {
            verdict: input.verdict,
            verdictId,
            claimId: input.claimId,
          }),
          ...entries(changed, by, 'item.status', { status: 'verified' }),
        ];
        return { value: verdictId, ids: changed, audit };
      }),
  };
}
export type ItemActionStore = ReturnType<typeof createItemActionStore>;
