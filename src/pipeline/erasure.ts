import type { Logger } from '../obs/logger.js';
import type { PeriodicTask } from '../queue/scheduler.js';
import type { SearchIndex } from '../search/types.js';
import type { ErasureSelector, ErasureStore } from '../store/erasure-store.js';
import type { createAuditLog } from '../store/index.js';
import type { Tx } from '../store/types.js';
import type { ItemProjection } from './projection.js';

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
 * so counts by type, province, status and deadline keep adding up. Each erased item
 * is audited without personal data and re-projected into the staff index.
 */
export function createErasureService(deps: {
  store: ErasureStore;
  audit: Pick<ReturnType<typeof createAuditLog>, 'appendMany'>;
  projection: Pick<ItemProjection, 'documents'>;
  search: Pick<SearchIndex, 'upsert'>;
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
      const erased = await deps.store.erase(
        batch,
        hooks.flatMap((h) => (h.inTransaction ? [h.inTransaction] : [])),
      );
      if (erased.length === 0) continue;
      for (const h of hooks) await h.afterCommit?.(erased);
      const docs = await deps.projection.documents(erased);
      if (docs.length) await deps.search.upsert('items', docs);
      const details =
        basis.kind === 'request'
          ? { basis: 'request', reason: basis.reason }
          : { basis: 'retention', days: basis.days };
      await deps.audit.appendMany(
        erased.map((id) => ({
          actor,
          action: 'application.erased',
          targetType: 'item',
          targetId: id,
          details,
        })),
      );
      done.push(...erased);
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
