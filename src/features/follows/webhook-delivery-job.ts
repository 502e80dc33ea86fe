import { z } from 'zod';
import type { Logger } from '../../obs/logger.js';
import type { JobDefinition, JobHandler, JobQueue } from '../../queue/types.js';
import type { FollowStore } from '../../store/follow-store.js';
import { postWebhook } from './webhook-post.js';
import { signWebhook } from './webhook-signature.js';
import { parseWebhookUrl, WebhookTargetError } from './webhook-target.js';

export const webhookDeliveryPayloadSchema = z.object({ deliveryId: z.uuid() });
export type WebhookDeliveryPayload = z.infer<typeof webhookDeliveryPayloadSchema>;

/** Attempts per delivery; with a 2 s base the retries wait 2, 4, 8 … 128 s (about 4 minutes in all). */
export const WEBHOOK_ATTEMPTS = 8;

/** Job "webhook-delivery": POST one stored delivery to its journalist's webhook; retried with backoff. */
export const webhookDeliveryJob: JobDefinition<WebhookDeliveryPayload> = {
  name: 'webhook-delivery',
  schema: webhookDeliveryPayloadSchema,
  attempts: WEBHOOK_ATTEMPTS,
  backoffMs: 2000,
};

/** The outcome of one run, for callers and tests. */
export type DeliveryRun = 'delivered' | 'retry' | 'failed' | 'cancelled' | 'skipped';

/**
 * Sends a delivery: the stored body, signed with the user's current secret, to the
 * user's current URL. 2xx marks it delivered; any other answer or a network error is
 * retried by the queue until the last attempt; a private target fails at once.
 */
export function createWebhookDeliverer(deps: {
  follows: Pick<FollowStore, 'delivery' | 'webhookTarget' | 'recordAttempt'>;
  timeoutMs: number;
  allowPrivate: boolean;
  logger?: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
  maxAttempts?: number;
}) {
  const now = deps.now ?? Date.now;
  const maxAttempts = deps.maxAttempts ?? WEBHOOK_ATTEMPTS;

  const deliver = async (deliveryId: string): Promise<DeliveryRun> => {
    const d = await deps.follows.delivery(deliveryId);
    if (!d || d.status === 'delivered' || d.status === 'cancelled') return 'skipped';
    const target = await deps.follows.webhookTarget(d.userId);
    if (!target) {
      await deps.follows.recordAttempt(d.id, {
        status: 'cancelled',
        attempted: false,
        error: 'no webhook set, or the account is no longer active',
      });
      return 'cancelled';
    }
    let url: URL;
    try {
      url = parseWebhookUrl(target.url, deps.allowPrivate);
    } catch (err) {
      if (!(err instanceof WebhookTargetError)) throw err;
      await deps.follows.recordAttempt(d.id, { status: 'failed', attempted: false, error: err.message });
      return 'failed';
    }
    const body = JSON.stringify(d.payload);
    const t = Math.floor(now() / 1000);
    const outcome = await postWebhook(
      url,
      body,
      {
        'x-kopru-event': d.event,
        'x-kopru-delivery': d.id,
        'x-kopru-signature': signWebhook(target.secret, body, t),
      },
      { timeoutMs: deps.timeoutMs, allowPrivate: deps.allowPrivate },
    );
    if (outcome.ok) {
      await deps.follows.recordAttempt(d.id, {
        status: 'delivered',
        attempted: true,
        statusCode: outcome.status,
      });
      deps.logger?.info({ delivery: d.id, status: outcome.status }, 'webhook delivered');
      return 'delivered';
    }
    // Counted from the stored attempts, so a job re-enqueued by the sweep does not start over.
    const attempt = d.attempts + 1;
    const final = outcome.permanent || attempt >= maxAttempts;
    await deps.follows.recordAttempt(d.id, {
      status: final ? 'failed' : 'retrying',
      attempted: !outcome.permanent,
      statusCode: outcome.status,
      error: outcome.error,
    });
    deps.logger?.warn(
      { delivery: d.id, attempt, status: outcome.status, err: outcome.error },
      'webhook failed',
    );
    return final ? 'failed' : 'retry';
  };

  const handler: JobHandler<WebhookDeliveryPayload> = async (p, ctx) => {
    if ((await deliver(p.deliveryId)) === 'retry')
      throw new Error(`webhook delivery ${p.deliveryId} failed (attempt ${ctx.attempt})`);
  };
  return { deliver, handler };
}

/** A delivery still pending after this long lost its job; a retrying one after the second. */
export const STALE_PENDING_MS = 5 * 60_000;
// Far longer than the longest backoff (128 s before the last try) plus the request timeout.
export const STALE_RETRYING_MS = 15 * 60_000;

/**
 * Re-enqueues deliveries whose job was lost (an in-process queue that stopped, a failed
 * enqueue after the rows were written). The delivery id is the job id, so a job that
 * is in fact still queued is not added twice. Returns how many were re-enqueued.
 */
export async function requeueStaleDeliveries(
  deps: { follows: Pick<FollowStore, 'stale'>; queue: Pick<JobQueue, 'enqueueMany'> },
  now = Date.now(),
): Promise<number> {
  const ids = await deps.follows.stale(new Date(now - STALE_PENDING_MS), new Date(now - STALE_RETRYING_MS));
  await deps.queue.enqueueMany(
    webhookDeliveryJob,
    ids.map((id) => ({ payload: { deliveryId: id }, opts: { jobId: id } })),
  );
  return ids.length;
}
