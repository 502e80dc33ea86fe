import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { itemStatuses } from '../../domain/item.js';
import { verdictInputSchema } from '../../domain/review/verdicts.js';
import { piiPlaceholders } from '../../nlp/pii.js';
import type { ItemActions } from '../../pipeline/bulk-item-actions.js';
import type { SearchIndex } from '../../search/types.js';
import type { ClaimLinkStore } from '../../store/claim-link-store.js';
import type { ClusterStore } from '../../store/cluster-store.js';
import type {
  createAuditLog,
  createClaimStore,
  createItemStore,
  createUserStore,
} from '../../store/index.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { ReviewStore } from '../../store/review-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { suggestionsFor } from '../claims/suggestions-view.js';
import { mapToRedacted, type Span } from './highlight.js';
import { itemTitle } from './item-title.js';
import { ItemPage, type ItemPageData } from './item-view.js';
import { assignable } from './queue-routes.js';

type Deps = {
  items: Pick<ReturnType<typeof createItemStore>, 'get' | 'getApplicant'>;
  claims: Pick<ReturnType<typeof createClaimStore>, 'list' | 'all' | 'upsertMany'>;
  claimLinks: Pick<ClaimLinkStore, 'forItem' | 'publishedResponses' | 'answerOf'>;
  users: Pick<ReturnType<typeof createUserStore>, 'list' | 'findById'>;
  audit: ReturnType<typeof createAuditLog>;
  search: Pick<SearchIndex, 'search'>;
  review: ReviewStore;
  responses: Pick<ResponseStore, 'list'>;
  actions: ItemActions;
  clusters: Pick<ClusterStore, 'stats'>;
};

const placeholderLength = (kind: string) =>
  (piiPlaceholders[kind as keyof typeof piiPlaceholders] ?? '[GİZLİ]').length;

/** The item page and its actions: unmask (audited), assign, status, verdict, confirm. */
export function createItemRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/items/*', requirePermission('queue.read'));

  async function load(id: string, unmasked: boolean): Promise<ItemPageData> {
    const item = await deps.items.get(id);
    if (!item) throw new NotFoundError(`item ${id} not found`);
    const r = item.tagResult;
    const raw: Span[] = (r?.tags ?? []).flatMap((t) =>
      t.evidence.map((e) => ({ start: e.start, end: e.end, label: t.tag })),
    );
    // Personal data stays redacted (the subject too) unless the page is an audited unmask.
    const text = unmasked || !r ? (unmasked ? item.text : '') : r.redactedText;
    const subject = unmasked ? item.subject : item.subject ? (r?.redactedSubject ?? null) : null;
    const spans = unmasked ? raw : mapToRedacted(raw, r?.pii ?? [], placeholderLength);
    const [everyClaim, links, answered] = await Promise.all([
      deps.claims.all(),
      deps.claimLinks.forItem(id),
      deps.claimLinks.answerOf(id),
    ]);
    const allClaims = everyClaim.filter((c) => !c.mergedInto);
    const byId = new Map(everyClaim.map((c) => [c.id, c]));
    const suggestions = suggestionsFor(r?.matches ?? [], byId, links);
    // "Already answered": linked by a person or automatically (a confident match; rejecting it undoes).
    const answering = links
      .filter((l) => l.kind !== 'rejected')
      .map((l) => byId.get(l.claimId)?.mergedInto ?? l.claimId);
    const cluster = r
      ? await deps.search.search<{ id: string; text: string }>('items', {
          filter: [`clusterKey = ${JSON.stringify(r.clusterKey)}`],
          facets: ['kind'],
          limit: 6,
          attributesToRetrieve: ['id', 'text'],
        })
      : { hits: [], total: 0, facets: {} as Record<string, Record<string, number>> };
    const [stats, verdicts, history, assignees, users, responses, applicant, answers] = await Promise.all([
      r ? deps.clusters.stats(r.clusterKey) : Promise.resolve(null),
      deps.review.verdicts(id),
      deps.audit.list({ targetType: 'item', targetId: id, limit: 50 }),
      deps.review.assignees([id]),
      assignable(deps.users),
      deps.responses.list({ itemId: id }),
      unmasked ? deps.items.getApplicant(id) : Promise.resolve(null),
      deps.claimLinks.publishedResponses([...new Set(answering)]),
    ]);
    return {
      item,
      subject,
      text,
      spans,
      unmasked,
      applicant: applicant as Record<string, string> | null,
      claims: (r?.matches ?? []).flatMap((m) => {
        const c = byId.get(m.claimId);
        return c ? [{ ...c, score: m.score }] : [];
      }),
      // Counts and first/last seen from the system of record; samples from the index.
      cluster: {
        total: stats?.total ?? cluster.total,
        byKind: (stats?.byKind as Record<string, number>) ?? cluster.facets.kind ?? {},
        firstSeen: stats?.firstSeen ?? null,
        lastSeen: stats?.lastSeen ?? null,
        samples: cluster.hits.filter((h) => h.id !== id).slice(0, 5),
      },
      verdicts,
      history,
      assignee: assignees.get(id) ?? null,
      users: users.map((u) => ({ id: u.id, name: u.name })),
      responses,
      allClaims,
      claimsPanel: {
        suggestions,
        links: links.map((l) => ({ ...l, claim: byId.get(l.claimId) ?? null })),
        answers,
        answered,
      },
    };
  }

  const render = async (c: Context, unmasked: boolean) => {
    const v = viewCtx(c);
    const d = await load(c.req.param('id') ?? '', unmasked);
    const title = itemTitle(v, d.item);
    return c.html(
      <Layout v={v} title={title} wide>
        <ItemPage v={v} d={d} />
      </Layout>,
    );
  };

  app.get('/items/:id', (c) => render(c, false));

  app.post('/items/:id/unmask', requirePermission('item.unmask'), async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    if (!(await deps.items.get(id))) throw new NotFoundError(`item ${id} not found`);
    await deps.audit.append({ actor: user.email, action: 'item.unmask', targetType: 'item', targetId: id });
    return render(c, true);
  });

  app.post('/items/:id/assign', requirePermission('item.write'), async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    if (!(await deps.items.get(id))) throw new NotFoundError(`item ${id} not found`);
    const p = z.object({ assignee: z.string().max(100).default('') }).safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('no such user', p.error.issues);
    const body = p.data;
    const target = body.assignee ? await deps.users.findById(body.assignee) : null;
    if (body.assignee && (!target || target.disabled)) throw new ValidationError('no such user');
    await deps.actions.assign([id], target ? { id: target.id, email: target.email } : null, user);
    return c.redirect(`/items/${id}`, 303);
  });

  app.post('/items/:id/status', requirePermission('item.write'), async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const p = z.object({ status: z.enum(itemStatuses) }).safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('invalid status', p.error.issues);
    await deps.actions.setStatus([id], p.data.status, user);
    return c.redirect(`/items/${id}`, 303);
  });

  app.post('/items/:id/verdict', requirePermission('item.write'), async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const item = await deps.items.get(id);
    if (!item) throw new NotFoundError(`item ${id} not found`);
    const body = await c.req.parseBody();
    const p = verdictInputSchema.safeParse(body);
    if (!p.success) throw new ValidationError('invalid verdict', p.error.issues);
    const input = p.data;
    if (body.createClaim === 'on' && !input.claimId) {
      // A claim is shown to every staff member: only the redacted text may become one.
      if (!item.tagResult) throw new ValidationError('the item is not analysed yet; try again shortly');
      const claimId = `K-${id.slice(-12)}`;
      const text = item.tagResult.redactedText.slice(0, 1000);
      await deps.claims.upsertMany([
        { id: claimId, text, verdict: input.verdict, sourceUrl: input.evidenceLinks[0] ?? null },
      ]);
      await deps.audit.append({
        actor: user.email,
        action: 'claim.create',
        targetType: 'claim',
        targetId: claimId,
        details: { fromItem: id },
      });
      input.claimId = claimId;
    } else if (input.claimId && !(await deps.claims.list()).some((cl) => cl.id === input.claimId)) {
      throw new ValidationError('no such known claim');
    }
    await deps.actions.verdict(id, input, user);
    return c.redirect(`/items/${id}`, 303);
  });

  app.post('/items/:id/verdicts/:vid/confirm', requirePermission('verdict.confirm'), async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    if (!(await deps.review.confirmVerdict(c.req.param('vid'), user.id)))
      throw new NotFoundError('no unconfirmed verdict with that id');
    await deps.audit.append({
      actor: user.email,
      action: 'verdict.confirm',
      targetType: 'item',
      targetId: id,
      details: { verdictId: c.req.param('vid') },
    });
    return c.redirect(`/items/${id}`, 303);
  });
  return app;
}
