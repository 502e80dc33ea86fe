import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { ItemActions } from '../../pipeline/bulk-item-actions.js';
import { type PublicationService, publishBlockOf } from '../../pipeline/publish.js';
import { localToUtc } from '../../pipeline/publish-time.js';
import type { createAuditLog } from '../../store/index.js';
import type { ItemStore } from '../../store/item-store.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { ReviewStore } from '../../store/review-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { viewCtx } from '../../web/ui/layout.js';

const formSchema = z.object({
  publishAt: z
    .string()
    .trim()
    .max(40)
    .default('')
    .transform((s, ctx) => {
      if (!s) return null;
      const at = localToUtc(s);
      if (!at) ctx.addIssue({ code: 'custom', message: 'expected a local date and time (YYYY-MM-DDTHH:mm)' });
      return at;
    }),
  note: z.string().trim().max(2000).default(''),
});

// A time a little in the past is "now" (the form took a while); older ones are a mistake.
const PAST_TOLERANCE_MS = 5 * 60_000;

/**
 * `POST /drafts/:id/publish` (supervisors): publish now, or at a time (embargo,
 * entered as Europe/Istanbul wall-clock time), with the correction note a
 * republication needs. Served by the portal feature because the publication
 * service raises its events.
 */
export function createPublishRoutes(deps: {
  publication: Pick<PublicationService, 'publish'>;
  responses: Pick<ResponseStore, 'get'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  actions: Pick<ItemActions, 'setStatus'>;
  items: Pick<ItemStore, 'get'>;
  review: Pick<ReviewStore, 'verdicts'>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const app = new Hono();
  app.post('/drafts/:id/publish', requirePermission('response.publish'), async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const p = formSchema.safeParse({
      publishAt: typeof body.publishAt === 'string' ? body.publishAt : undefined,
      note: typeof body.note === 'string' ? body.note : undefined,
    });
    if (!p.success) throw new ValidationError('invalid publication form', p.error.issues);
    if (p.data.publishAt && p.data.publishAt.getTime() < now().getTime() - PAST_TOLERANCE_MS)
      throw new ValidationError('the publication time is in the past', [
        { path: ['publishAt'], message: 'must be in the future (or empty for now)' },
      ]);
    const r = await deps.responses.get(id);
    if (!r) throw new NotFoundError('no such response');
    // Only a publishable response is held for its verdict; others get the workflow's own answer.
    const block = r.state === 'approved' || r.state === 'scheduled' ? await publishBlockOf(deps, r) : null;
    if (block) throw new ValidationError(viewCtx(c).t(`draft.block.${block}`));
    const out = await deps.publication.publish(id, user, { at: p.data.publishAt, note: p.data.note });
    await deps.audit.append({
      actor: user.email,
      action: out.state === 'scheduled' ? 'response.schedule' : 'response.publish',
      targetType: 'response',
      targetId: id,
      details: {
        version: r.approvedVersion ?? r.currentVersion,
        ...(out.state === 'scheduled' ? { publishAt: p.data.publishAt?.toISOString() } : {}),
        ...(p.data.note ? { note: p.data.note } : {}),
      },
    });
    if (r.itemId) await deps.actions.setStatus([r.itemId], 'responded', user);
    return c.redirect(`/drafts/${id}`, 303);
  });
  return app;
}
