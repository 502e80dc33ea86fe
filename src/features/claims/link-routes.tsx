import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { ItemActions } from '../../pipeline/bulk-item-actions.js';
import type { ClaimLinkStore } from '../../store/claim-link-store.js';
import type { ClaimStore } from '../../store/claim-store.js';
import type { createAuditLog, createItemStore } from '../../store/index.js';
import type { ResponseStore } from '../../store/response-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { type ClusterJobDeps, startClusterConfirm } from './cluster-job.js';

/** What the item-claim actions need. */
export interface LinkRouteDeps extends ClusterJobDeps {
  claims: Pick<ClaimStore, 'get'>;
  claimLinks: Pick<ClaimLinkStore, 'decide' | 'clusterItems' | 'publishedResponses' | 'answer' | 'forItem'>;
  items: Pick<ReturnType<typeof createItemStore>, 'get'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  responses: Pick<ResponseStore, 'create'>;
  actions: Pick<ItemActions, 'setStatus'>;
  onChange?: () => void;
}

/**
 * Staff decisions on the item page: confirm a suggested claim (optionally for the
 * whole near-duplicate cluster), reject it (never suggested again), and close the
 * item as answered by an existing published response. Every write is audited.
 */
export function createLinkRoutes(deps: LinkRouteDeps) {
  const app = new Hono();
  app.use('/items/:id/claims/*', requirePermission('item.write'));
  app.use('/items/:id/answered', requirePermission('item.write'));

  const target = async (itemId: string, claimId: string) => {
    const [item, claim] = await Promise.all([deps.items.get(itemId), deps.claims.get(claimId)]);
    if (!item) throw new NotFoundError(`item ${itemId} not found`);
    if (!claim) throw new NotFoundError(`claim ${claimId} not found`);
    // A suggestion of a merged claim is a suggestion of the claim it was merged into.
    const canonical = claim.mergedInto ?? claim.id;
    const score = item.tagResult?.matches?.find((m) => m.claimId === claimId)?.score ?? null;
    return { item, claimId: canonical, score };
  };

  app.post('/items/:id/claims/:claimId/:decision{confirm|reject}', async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const decision = c.req.param('decision') as 'confirm' | 'reject';
    const p = z.object({ cluster: z.literal('on').optional() }).safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('"cluster" is a checkbox: "on" or absent', p.error.issues);
    const body = p.data;
    const t = await target(id, c.req.param('claimId'));
    const kind = decision === 'confirm' ? 'confirmed' : 'rejected';
    await deps.claimLinks.decide({ itemId: id, claimId: t.claimId, kind, score: t.score, by: user.email });
    await deps.audit.append({
      actor: user.email,
      action: `claim.${decision}`,
      targetType: 'item',
      targetId: id,
      details: { claimId: t.claimId, score: t.score },
    });
    if (decision === 'confirm') deps.onChange?.();
    const job =
      decision === 'confirm' && body.cluster ? await startClusterConfirm(deps, id, t.claimId, user) : null;
    return c.redirect(job ? `/jobs/${job}` : `/items/${id}#claims-h`, 303);
  });

  app.post('/items/:id/answered', async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const p = z.object({ claimId: z.string().trim().min(1).max(200) }).safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('choose a claim', p.error.issues);
    const t = await target(id, p.data.claimId);
    const links = await deps.claimLinks.forItem(id);
    const linked = links.some((l) => l.claimId === t.claimId && l.kind !== 'rejected');
    if (!linked) throw new ValidationError('the item is not linked to this claim');
    const [resp] = await deps.claimLinks.publishedResponses([t.claimId]);
    if (!resp) throw new ValidationError('the claim has no published response');
    await deps.claimLinks.answer({
      itemId: id,
      responseId: resp.responseId,
      claimId: t.claimId,
      by: user.email,
    });
    await deps.actions.setStatus([id], 'responded', user);
    let draftId: string | null = null;
    if (t.item.kind === 'application') {
      draftId = await deps.responses.create({
        itemId: id,
        kind: 'reply',
        by: user.id,
        draft: {
          title: resp.title,
          claimReviewed: resp.claimReviewed,
          verdict: resp.verdict as never,
          summary: resp.summary,
          body: resp.body,
          sources: resp.sources,
          lang: resp.lang === 'en' ? 'en' : 'tr',
        },
      });
    }
    await deps.audit.append({
      actor: user.email,
      action: 'item.answered',
      targetType: 'item',
      targetId: id,
      details: { claimId: t.claimId, responseId: resp.responseId, replyDraft: draftId },
    });
    return c.redirect(draftId ? `/drafts/${draftId}` : `/items/${id}`, 303);
  });
  return app;
}

/** A matcher result the matcher marked as confident (the field is optional until the new matcher lands). */
export const isConfident = (m: object) => (m as { confident?: unknown }).confident === true;
