import { createHash } from 'node:crypto';
import type { AppEventName } from '../../domain/events.js';
import { type PublishedResponse, publishedResponseSchema } from '../../domain/published-response.js';
import type { JobQueue } from '../../queue/types.js';
import type { FollowStore } from '../../store/follow-store.js';
import { matchesFollows } from './follows-input.js';
import { webhookDeliveryJob } from './webhook-delivery-job.js';

/** The JSON body every webhook delivery carries. */
export interface WebhookBody {
  event: AppEventName;
  /** The delivery id, also sent as `X-Kopru-Delivery`: the same on every retry. */
  id: string;
  occurredAt: string;
  response: PublishedResponse;
  note?: string;
}

/**
 * Turns a publication event into one stored delivery and one queued job per
 * subscriber. A new publication goes to every journalist whose follows match;
 * a correction also goes to everyone who was sent an earlier event about the
 * same response, even if they no longer follow its topics, so nobody keeps a
 * superseded version. Repeating the same event creates nothing new.
 */
export function createFanOut(deps: {
  follows: Pick<FollowStore, 'webhookFollowers' | 'priorRecipients' | 'createDeliveries'>;
  queue: Pick<JobQueue, 'enqueueMany'>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  return async (event: AppEventName, input: PublishedResponse, note?: string): Promise<string[]> => {
    // Parsing drops any field beyond the published document, so nothing internal can leak.
    const response = publishedResponseSchema.parse(input);
    const followers = await deps.follows.webhookFollowers();
    const prior =
      event === 'response.corrected' ? new Set(await deps.follows.priorRecipients(response.id)) : null;
    const targets = followers.filter((f) => prior?.has(f.userId) || matchesFollows(f, response));
    if (targets.length === 0) return [];
    const occurredAt = new Date(now()).toISOString();
    const dedupeKey =
      event === 'response.published'
        ? `published:${response.id}`
        : `corrected:${response.id}:${createHash('sha256')
            .update(JSON.stringify([response, note ?? '']))
            .digest('hex')}`;
    const ids = await deps.follows.createDeliveries(
      targets.map((f) => ({
        userId: f.userId,
        event,
        responseId: response.id,
        dedupeKey,
        payload: (id): WebhookBody & Record<string, unknown> => ({
          event,
          id,
          occurredAt,
          response,
          ...(event === 'response.corrected' ? { note: note ?? '' } : {}),
        }),
      })),
    );
    await deps.queue.enqueueMany(
      webhookDeliveryJob,
      ids.map((id) => ({ payload: { deliveryId: id }, opts: { jobId: id } })),
    );
    return ids;
  };
}
