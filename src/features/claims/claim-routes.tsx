import { Hono } from 'hono';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { ClaimLinkStore } from '../../store/claim-link-store.js';
import type { ClaimStore } from '../../store/claim-store.js';
import type { createAuditLog, createItemStore } from '../../store/index.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { claimFormSchema, claimListQuerySchema } from './claim-input.js';
import { ClaimList } from './claim-list-view.js';
import { ClaimForm, ClaimPage } from './claim-page-view.js';
import { type ClusterJobDeps, startClusterConfirm } from './cluster-job.js';

const short = (s: string) => (s.length > 70 ? `${s.slice(0, 69)}…` : s);

/** What the claim pages need. */
export interface ClaimRouteDeps extends ClusterJobDeps {
  claims: ClaimStore;
  claimLinks: Pick<ClaimLinkStore, 'decide' | 'clusterItems' | 'publishedResponses'>;
  items: Pick<ReturnType<typeof createItemStore>, 'get'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  /** Called after the library or a confirmation changed (reloads the matcher in this process). */
  onChange?: () => void;
}

/** The claims list, a page per claim, create (from an item or a cluster), edit and merge. */
export function createClaimRoutes(deps: ClaimRouteDeps) {
  const app = new Hono();
  app.use('/claims', requirePermission('queue.read'));
  app.use('/claims/*', requirePermission('queue.read'));

  app.get('/claims', async (c) => {
    const v = viewCtx(c);
    const q = claimListQuerySchema.parse(c.req.query());
    const [rows, topics] = await Promise.all([
      deps.claims.overview({
        sort: q.sort,
        verdict: q.verdict,
        topic: q.topic ?? undefined,
        province: q.province ?? undefined,
      }),
      deps.claims.topics(),
    ]);
    return c.html(
      <Layout v={v} title={v.t('claims.title')} wide>
        <ClaimList v={v} rows={rows} topics={topics} q={q} />
      </Layout>,
    );
  });

  app.get('/claims/new', requirePermission('item.write'), async (c) => {
    const v = viewCtx(c);
    const itemId = c.req.query('item') ?? '';
    const item = itemId ? await deps.items.get(itemId) : null;
    if (itemId && !item) throw new NotFoundError(`item ${itemId} not found`);
    const text = item ? (item.tagResult?.redactedText ?? '').slice(0, 2000) : '';
    return c.html(
      <Layout v={v} title={v.t('claims.new')}>
        <ClaimForm v={v} action="/claims" claim={{ text }} fromItem={item?.id ?? null} />
      </Layout>,
    );
  });

  app.post('/claims', requirePermission('item.write'), async (c) => {
    const user = c.get('user')!;
    const p = claimFormSchema.safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('invalid claim', p.error.issues);
    const { fromItem, cluster, ...input } = p.data;
    if (fromItem && !(await deps.items.get(fromItem))) throw new NotFoundError(`item ${fromItem} not found`);
    const id = await deps.claims.create(input, user.email);
    await deps.audit.append({
      actor: user.email,
      action: 'claim.create',
      targetType: 'claim',
      targetId: id,
      details: { fromItem, cluster: !!cluster },
    });
    if (fromItem) {
      await deps.claimLinks.decide({
        itemId: fromItem,
        claimId: id,
        kind: 'confirmed',
        score: null,
        by: user.email,
      });
      await deps.audit.append({
        actor: user.email,
        action: 'claim.confirm',
        targetType: 'item',
        targetId: fromItem,
        details: { claimId: id },
      });
    }
    const job = fromItem && cluster ? await startClusterConfirm(deps, fromItem, id, user) : null;
    deps.onChange?.();
    return c.redirect(`/claims/${encodeURIComponent(id)}?done=created${job ? `&job=${job}` : ''}`, 303);
  });

  app.get('/claims/:id', async (c) => {
    const v = viewCtx(c);
    const id = c.req.param('id');
    const claim = await deps.claims.get(id);
    if (!claim) throw new NotFoundError(`claim ${id} not found`);
    if (claim.mergedInto)
      return c.redirect(
        `/claims/${encodeURIComponent(claim.mergedInto)}?from=${encodeURIComponent(id)}`,
        301,
      );
    const [counts, appearances, responses, all] = await Promise.all([
      deps.claims.counts(id),
      deps.claims.appearances(id, 100),
      deps.claimLinks.publishedResponses([id]),
      deps.claims.all(),
    ]);
    const others = all.filter((x) => x.id !== id && !x.mergedInto);
    return c.html(
      <Layout v={v} title={`${v.t('claims.statement')}: ${short(claim.text)}`} wide>
        <ClaimPage
          v={v}
          claim={claim}
          counts={counts}
          appearances={appearances}
          response={responses[0] ?? null}
          others={others}
          done={c.req.query('done') ?? null}
          job={c.req.query('job') ?? null}
          from={c.req.query('from') ?? null}
        />
      </Layout>,
    );
  });

  app.post('/claims/:id', requirePermission('item.write'), async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const p = claimFormSchema.safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('invalid claim', p.error.issues);
    const { fromItem: _f, cluster: _c, ...input } = p.data;
    if (!(await deps.claims.update(id, input))) throw new NotFoundError(`claim ${id} not found or merged`);
    await deps.audit.append({
      actor: user.email,
      action: 'claim.update',
      targetType: 'claim',
      targetId: id,
      details: { verdict: input.verdict, topic: input.topic, aliases: input.aliases?.length ?? 0 },
    });
    deps.onChange?.();
    return c.redirect(`/claims/${encodeURIComponent(id)}?done=saved`, 303);
  });

  app.post('/claims/:id/merge', requirePermission('item.write'), async (c) => {
    const user = c.get('user')!;
    const into = c.req.param('id');
    const p = z.object({ from: z.string().trim().min(1).max(200) }).safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('choose a claim to merge', p.error.issues);
    const from = p.data.from;
    if (from === into) throw new ConflictError('a claim cannot be merged into itself');
    const moved = await deps.claims.merge(from, into);
    await deps.audit.append({
      actor: user.email,
      action: 'claim.merge',
      targetType: 'claim',
      targetId: into,
      details: { from, linksMoved: moved },
    });
    deps.onChange?.();
    return c.redirect(
      `/claims/${encodeURIComponent(into)}?done=merged&from=${encodeURIComponent(from)}`,
      303,
    );
  });
  return app;
}
