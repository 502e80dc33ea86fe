import { z } from 'zod';
import type { Logger } from '../../obs/logger.js';
import type { JobDefinition, JobHandler } from '../../queue/types.js';
import type { Alert, AlertStore } from '../../store/alert-store.js';
import { WEBHOOK_ATTEMPTS } from '../follows/webhook-delivery-job.js';
import { postWebhook } from '../follows/webhook-post.js';
import { signWebhook } from '../follows/webhook-signature.js';
import { parseWebhookUrl, WebhookTargetError } from '../follows/webhook-target.js';

const payloadSchema = z.object({ alertId: z.uuid() });

/** Job "alert-webhook": POST one new surge alert to ALERT_WEBHOOK_URL; retried with backoff. */
export const alertWebhookJob: JobDefinition<z.infer<typeof payloadSchema>> = {
  name: 'alert-webhook',
  schema: payloadSchema,
  attempts: WEBHOOK_ATTEMPTS,
  backoffMs: 2000,
};

/** The JSON body of an alert (webhook and API): no personal data, only counts and keys. */
export function alertBody(a: Alert) {
  return {
    id: a.id,
    kind: a.kind,
    subject: a.subject,
    province: a.province,
    windowStart: a.windowStart,
    detectedAt: a.detectedAt,
    endedAt: a.endedAt,
    peakCount: a.peakCount,
    expected: Math.round(a.expected * 100) / 100,
    pValue: a.pValue,
    acknowledgedAt: a.acknowledgedAt,
  };
}

/**
 * Delivers alerts with the journalist webhooks' machinery: the same SSRF-guarded POST
 * and the same `X-Kopru-Signature` (HMAC-SHA256 of "<t>.<body>"), event `alert.raised`.
 */
export function createAlertWebhookHandler(deps: {
  alerts: Pick<AlertStore, 'get' | 'setWebhookStatus'>;
  url: string;
  secret: string;
  timeoutMs: number;
  allowPrivate: boolean;
  logger?: Pick<Logger, 'warn'>;
  now?: () => number;
}): JobHandler<z.infer<typeof payloadSchema>> {
  const now = deps.now ?? Date.now;
  return async ({ alertId }, ctx) => {
    const a = await deps.alerts.get(alertId);
    if (!a || a.webhookStatus === 'delivered') return;
    let url: URL;
    try {
      url = parseWebhookUrl(deps.url, deps.allowPrivate);
    } catch (err) {
      if (!(err instanceof WebhookTargetError)) throw err;
      await deps.alerts.setWebhookStatus(a.id, 'failed');
      return;
    }
    const body = JSON.stringify({ event: 'alert.raised', alert: alertBody(a) });
    const headers = {
      'x-kopru-event': 'alert.raised',
      'x-kopru-delivery': a.id,
      'x-kopru-signature': signWebhook(deps.secret, body, Math.floor(now() / 1000)),
    };
    const out = await postWebhook(url, body, headers, {
      timeoutMs: deps.timeoutMs,
      allowPrivate: deps.allowPrivate,
    });
    if (out.ok) return deps.alerts.setWebhookStatus(a.id, 'delivered');
    deps.logger?.warn({ alert: a.id, attempt: ctx.attempt, err: out.error }, 'alert webhook failed');
    if (out.permanent || ctx.attempt >= WEBHOOK_ATTEMPTS) return deps.alerts.setWebhookStatus(a.id, 'failed');
    throw new Error(`alert webhook ${a.id} failed (attempt ${ctx.attempt})`);
  };
}
