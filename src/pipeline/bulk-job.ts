import { z } from 'zod';
import { itemStatuses } from '../domain/item.js';
import type { JobDefinition, JobHandler } from '../queue/types.js';
import type { AuditInput } from '../store/audit-log.js';
import type { createBulkJobStore } from '../store/bulk-job-store.js';
import type { ClaimLinkStore } from '../store/claim-link-store.js';
import type { createUserStore } from '../store/index.js';
import type { ItemActions } from './bulk-item-actions.js';

/** Job "bulk": run one bulk action (assign, status, dismiss, tag) over its items, recording progress. */
export const bulkJob: JobDefinition<{ jobId: string }> = {
  name: 'bulk',
  schema: z.object({ jobId: z.uuid() }),
  attempts: 3,
  backoffMs: 1000,
};

const CHUNK = 25;

/**
 * The bulk handler. Safe to run twice: every action is idempotent (setting a
 * status or assignee again changes nothing), and progress is absolute.
 */
export function createBulkHandler(deps: {
  jobs: Pick<ReturnType<typeof createBulkJobStore>, 'get' | 'progress'>;
  users: Pick<ReturnType<typeof createUserStore>, 'findById'>;
  actions: ItemActions;
  /** For `claim` jobs: confirm a claim for each item, audited per item. */
  claimLinks?: Pick<ClaimLinkStore, 'confirmMany'>;
  audit?: { appendMany(entries: AuditInput[]): Promise<void> };
}): JobHandler<{ jobId: string }> {
  return async ({ jobId }) => {
    const job = await deps.jobs.get(jobId);
    if (!job || job.state === 'finished') return;
    const actor = await deps.users.findById(job.userId);
    if (!actor) throw new Error(`bulk job ${jobId}: user ${job.userId} is gone`);
    const by = { id: actor.id, email: actor.email };
    let assignee: { id: string; email: string } | null = null;
    if (job.action === 'assign' && job.params.assignee) {
      const u = await deps.users.findById(job.params.assignee);
      if (!u) return deps.jobs.progress(jobId, { done: 0, failed: job.total, state: 'failed' });
      assignee = { id: u.id, email: u.email };
    }
    let done = 0;
    let failed = 0;
    await deps.jobs.progress(jobId, { done, failed, state: 'running' });
    for (let i = 0; i < job.itemIds.length; i += CHUNK) {
      const ids = job.itemIds.slice(i, i + CHUNK);
      try {
        if (job.action === 'assign') await deps.actions.assign(ids, assignee, by);
        else if (job.action === 'dismiss') await deps.actions.setStatus(ids, 'dismissed', by);
        else if (job.action === 'claim') {
          const claimId = z.string().min(1).max(200).parse(job.params.claimId);
          if (!deps.claimLinks || !deps.audit) throw new Error('claim jobs need the claim-links store');
          const confirmed = await deps.claimLinks.confirmMany(ids, claimId, by.email);
          await deps.audit.appendMany(
            confirmed.map((id) => ({
              actor: by.email,
              action: 'claim.confirm',
              targetType: 'item',
              targetId: id,
              details: { claimId, bulkJob: jobId },
            })),
          );
        } else if (job.action === 'status') {
          await deps.actions.setStatus(ids, z.enum(itemStatuses).parse(job.params.status), by);
        } else await deps.actions.label(ids, z.string().min(1).max(60).parse(job.params.label), by);
        done += ids.length;
      } catch {
        failed += ids.length;
      }
      await deps.jobs.progress(jobId, { done, failed, state: 'running' });
    }
    await deps.jobs.progress(jobId, { done, failed, state: failed === job.total ? 'failed' : 'finished' });
  };
}

/** Starts consuming "bulk" jobs in this process. */
export function startBulkWorker(deps: {
  queue: Pick<import('../queue/types.js').JobQueue, 'process'>;
  jobs: ReturnType<typeof createBulkJobStore>;
  users: ReturnType<typeof createUserStore>;
  actions: ItemActions;
  claimLinks?: Pick<ClaimLinkStore, 'confirmMany'>;
  audit?: { appendMany(entries: AuditInput[]): Promise<void> };
}) {
  deps.queue.process(bulkJob, createBulkHandler(deps), {
    concurrency: 2,
  });
}
