import { bulkJob } from '../../pipeline/bulk-job.js';
import type { JobQueue } from '../../queue/types.js';
import type { createBulkJobStore } from '../../store/bulk-job-store.js';
import type { ClaimLinkStore } from '../../store/claim-link-store.js';
import type { createAuditLog } from '../../store/index.js';

/** What starting a cluster confirmation needs. */
export interface ClusterJobDeps {
  claimLinks: Pick<ClaimLinkStore, 'clusterItems'>;
  bulkJobs: Pick<ReturnType<typeof createBulkJobStore>, 'create'>;
  queue: Pick<JobQueue, 'enqueue'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
}

/**
 * Confirms `claimId` for the other members of the item's near-duplicate cluster
 * as a bulk job (progress page `/jobs/:id`; each confirmation audited by the job).
 * Returns the job id, or null when the item has no other members.
 */
export async function startClusterConfirm(
  deps: ClusterJobDeps,
  itemId: string,
  claimId: string,
  user: { id: string; email: string },
): Promise<string | null> {
  const others = (await deps.claimLinks.clusterItems(itemId)).filter((id) => id !== itemId);
  if (others.length === 0) return null;
  const id = await deps.bulkJobs.create({
    userId: user.id,
    action: 'claim',
    params: { claimId },
    itemIds: others,
  });
  await deps.audit.append({
    actor: user.email,
    action: 'bulk.create',
    targetType: 'bulk_job',
    targetId: id,
    details: { action: 'claim', claimId, fromItem: itemId, count: others.length },
  });
  await deps.queue.enqueue(bulkJob, { jobId: id }, { jobId: `bulk:${id}` });
  return id;
}
