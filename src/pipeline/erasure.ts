import type { Logger } from '../obs/logger.js';
import type { PeriodicTask } from '../queue/scheduler.js';
import type { ErasureSelector, ErasureStore } from '../store/erasure-store.js';
import type { Tx } from '../store/types.js';
import type { IndexRequests } from './outbox.js';

/** A feature's own personal data of applications: erased in the same transaction, files after it. */
export interface ErasureHook {
  inTransaction?: (tx: Tx, itemIds: string[]) => Promise<void>;
  afterCommit?: (itemIds: string[]) => Promise<void>;
}

/** Why an erasure happened: a data subject's request (with its reference) or the retention policy. */
export type ErasureBasis = { kind: 'request'; reason: string } | { kind: 'retention'; days: number };

const BATCH = 200;

/**
 * Erasure of applicants' personal data (KVKK art. 7): the record stays, anonymised,
 * so counts by type, province, status and deadline keep adding up. Each batch is one
 * transaction: the erasure, each item's audit entry (without personal data) and its
 * request to be re-projected into the staff index (the outbox); the index jobs are
 * enqueued after it. A search outage therefore delays only the index update, which the
 * index stage or the reconciler completes: it never leaves an erasure unaudited.
 */
export function createErasureService(deps: {
  store: ErasureStore;
  index: Pick<IndexRequests, 'enqueue'>;
  hooks?: ErasureHook[];
  retentionDays: number;
  logger?: Pick<Logger, 'info'>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const hooks = deps.hooks ?? [];

  async function eraseIds(ids: string[], actor: string, basis: ErasureBasis): Promise<string[]> {
    const done: string[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const details =
        basis.kind === 'request'
          ? { basis: 'request', reason: basis.reason }
          : { basis: 'retention', days: basis.days };
      const { erased, reproject } = await deps.store.erase(batch, {
        more: hooks.flatMap((h) => (h.inTransaction ? [h.inTransaction] : [])),
        audit: (id) => ({ actor, action: 'application.erased', targetType: 'item', targetId: id, details }),
      });
      if (erased.length === 0) continue;
      done.push(...erased);
      await deps.index.enqueue(reproject);
      for (const h of hooks) await h.afterCommit?.(erased);
    }
    return done;
  }

  const service = {
    /** Applications matching the selector that still hold personal data. */
    find: (sel: ErasureSelector) => deps.store.find(sel),

    /** Erases the applications matching the selector (a data subject's request). */
    async erase(sel: ErasureSelector, by: { actor: string; reason: string }) {
      const ids = await deps.store.find(sel);
      const erased = await eraseIds(ids, by.actor, { kind: 'request', reason: by.reason });
      return { matched: ids.length, erased: erased.length, itemIds: erased };
    },

    /** Applications past the retention period, or (dryRun) only their count. */
    async applyRetention(opts: { dryRun?: boolean; actor?: string } = {}) {
      const before = new Date(now() - deps.retentionDays * 86_400_000);
      let candidates = 0;
      let erased = 0;
      for (;;) {
        const ids = await deps.store.retentionCandidates(before, opts.dryRun ? 100_000 : 1000);
        candidates += ids.length;
        if (opts.dryRun || ids.length === 0) break;
        const done = await eraseIds(ids, opts.actor ?? 'system:retention', {
          kind: 'retention',
          days: deps.retentionDays,
        });
        erased += done.length;
        if (done.length === 0) break;
      }
      return { before: before.toISOString(), candidates, erased };
    },

    /** The retention policy as a periodic task for the one scheduler (worker processes). */
    task: (everyMs: number): PeriodicTask => ({
      name: 'retention',
      everyMs,
      run: async () => {
        const r = await service.applyRetention();
        if (r.erased) deps.logger?.info(r, 'retention: personal data erased');
      },
    }),
  };
  return service;
}
export type ErasureService = ReturnType<typeof createErasureService>;
