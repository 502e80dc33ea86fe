import type { Logger } from '../obs/logger.js';
import type { JobQueue } from '../queue/types.js';
import { indexJob } from './index-job.js';
import { itemJobs } from './item-stage.js';

/**
 * The after-commit half of the index outbox: enqueues index jobs for items whose change
 * was committed together with their request to be re-projected (the stage column). A
 * failed enqueue is only logged: the reconciler finds the items stuck in `tagged` and
 * enqueues them again, so a committed change always reaches the index.
 */
export function createIndexRequests(deps: {
  queue: Pick<JobQueue, 'enqueueMany'>;
  logger?: Pick<Logger, 'warn'>;
}) {
  return {
    async enqueue(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      const now = Date.now();
      try {
        await deps.queue.enqueueMany(
          indexJob,
          itemJobs(ids, now, (first, n) => `index-${first}-a${now}-${n}`),
        );
      } catch (err) {
        deps.logger?.warn(
          { err, count: ids.length },
          'index jobs not enqueued; the reconciler will retry them',
        );
      }
    },
  };
}
export type IndexRequests = ReturnType<typeof createIndexRequests>;
