import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { can } from '../../domain/review/permissions.js';
import { nextResponseState, type ResponseAction } from '../../domain/review/response-workflow.js';
import { responseInputSchema } from '../../domain/review/verdicts.js';
import { publishBlockOf } from '../../pipeline/publish.js';
import type { createAuditLog, createItemStore } from '../../store/index.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { ReviewStore } from '../../store/review-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { label } from '../../web/ui/i18n.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { DraftForm, stateLabel, VersionView, WorkflowActions } from './drafts-view.js';

/**
 * Responses: drafts with versions, submit, four-eyes approval, request changes,
 * revising a published response. Publishing (`POST /drafts/:id/publish`) belongs
 * to the portal feature's publication service.
 */
export function createDraftRoutes(deps: {
  responses: ResponseStore;
  items: Pick<ReturnType<typeof createItemStore>, 'get'>;
  review: Pick<ReviewStore, 'verdicts'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
}) {
  const app = new Hono();
  app.use('/drafts', requirePermission('response.draft'));
  app.use('/drafts/*', requirePermission('response.draft'));

  app.get('/drafts', async (c) => {
    const v = viewCtx(c);
    const user = v.user!;
    const [mine, waiting, approved, scheduled] = await Promise.all([
      deps.responses.list({ createdBy: user.id }),
      deps.responses.list({ states: ['submitted'] }),
      deps.responses.list({ states: ['approved'] }),
      deps.responses.list({ states: ['scheduled'] }),
    ]);
    const List = ({ id, title, rows }: { id: string; title: string; rows: typeof mine }) => (
      <section aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        {rows.length === 0 ? (
          <p>{v.t('common.none')}</p>
        ) : (
          <ul>
            {rows.map((r) => (
              <li>
                <a href={`/drafts/${r.id}`}>{r.title}</a> — {stateLabel(v.t, r.state)}, {r.authorName}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
    return c.html(
      <Layout v={v} title={v.t('drafts.title')}>
        <List id="mine-h" title={v.t('drafts.mine')} rows={mine} />
        <List id="wait-h" title={v.t('drafts.waiting')} rows={waiting} />
        <List id="appr-h" title={v.t('drafts.approved')} rows={approved} />
        <List id="sched-h" title={v.t('portal.scheduledList')} rows={scheduled} />
      </Layout>,
    );
  });

  app.get('/drafts/new', async (c) => {
    const v = viewCtx(c);
    const item = await deps.items.get(c.req.query('item') ?? '');
    if (!item) throw new NotFoundError('choose an item first');
    const kind = c.req.query('kind') === 'reply' && item.kind === 'application' ? 'reply' : 'public';
    const latest = (await deps.review.verdicts(item.id))[0];
    const claim = (item.tagResult?.redactedText ?? '').slice(0, 400);
    return c.html(
      <Layout v={v} title={v.t('draft.new')}>
        <p>
          <a href={`/items/${item.id}`}>{v.t('draft.backToItem')}</a>
        </p>
        <DraftForm
          v={v}
          action="/drafts"
          hidden={{ itemId: item.id, kind }}
          d={{
            claimReviewed: claim,
            verdict: latest?.verdict as 'false',
            sources: latest?.evidenceLinks ?? [],
            lang: v.lang,
          }}
        />
      </Layout>,
    );
  });

  app.post('/drafts', async (c) => {
    const user = c.get('user')!;
    const body = await c.req.parseBody();
    const meta = z.object({ itemId: z.uuid(), kind: z.enum(['public', 'reply']) }).safeParse(body);
    const p = responseInputSchema.safeParse(body);
    if (!meta.success || !p.success)
      throw new ValidationError('invalid draft', [...(meta.error?.issues ?? []), ...(p.error?.issues ?? [])]);
    if (!(await deps.items.get(meta.data.itemId))) throw new NotFoundError('no such item');
    const id = await deps.responses.create({
      itemId: meta.data.itemId,
      kind: meta.data.kind,
      draft: p.data,
      by: user.id,
    });
    await deps.audit.append({
      actor: user.email,
      action: 'response.create',
      targetType: 'response',
      targetId: id,
      details: { itemId: meta.data.itemId },
    });
    await deps.audit.append({
      actor: user.email,
      action: 'response.create',
      targetType: 'item',
      targetId: meta.data.itemId,
      details: { responseId: id },
    });
    return c.redirect(`/drafts/${id}`, 303);
  });

  app.get('/drafts/:id', async (c) => {
    const v = viewCtx(c);
    const r = await deps.responses.get(c.req.param('id'));
    if (!r) throw new NotFoundError('no such response');
    const n = Number(c.req.query('version') ?? r.currentVersion);
    const ver = r.versions.find((x) => x.version === n) ?? r.versions[0]!;
    const revising = r.state === 'published' && r.kind === 'public';
    const editable =
      (r.state === 'draft' || r.state === 'changes_requested' || revising) &&
      can(v.user!.role, 'response.draft');
    return c.html(
      <Layout v={v} title={`${v.t('draft.response')}: ${r.versions[0]!.title}`} wide>
        {r.itemId ? (
          <p>
            <a href={`/items/${r.itemId}`}>{v.t('draft.backToItem')}</a> · {label(v.t, 'draft.kind', r.kind)}
          </p>
        ) : null}
        <WorkflowActions v={v} r={r} block={await publishBlockOf(deps, r)} />
        <h2>{v.t('draft.preview', { n: ver.version })}</h2>
        <VersionView v={v} ver={ver} />
        <section aria-labelledby="ver-h">
          <h2 id="ver-h">{v.t('draft.versions')}</h2>
          <ol reversed>
            {r.versions.map((x) => (
              <li>
                <a
                  href={`/drafts/${r.id}?version=${x.version}`}
                  aria-current={x.version === ver.version ? 'true' : undefined}
                >{`v${x.version}`}</a>{' '}
                — {x.authorName}, {v.when(x.createdAt)}
              </li>
            ))}
          </ol>
        </section>
        {editable ? (
          <section aria-labelledby="edit-h">
            <h2 id="edit-h">{revising ? v.t('portal.revise') : v.t('draft.edit')}</h2>
            {revising ? <p class="hint">{v.t('portal.reviseHint')}</p> : null}
            <DraftForm v={v} action={`/drafts/${r.id}`} d={r.versions[0]!} hidden={{ expected: r.state }} />
          </section>
        ) : null}
      </Layout>,
    );
  });

  app.post('/drafts/:id', async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const p = responseInputSchema.safeParse(body);
    if (!p.success) throw new ValidationError('invalid draft', p.error.issues);
    const r = await deps.responses.get(id);
    if (!r) throw new NotFoundError('no such response');
    // A published public response gets a new version as a correction; replies stay as sent.
    const action = r.state === 'published' && r.kind === 'public' ? 'revise' : 'edit';
    nextResponseState(r, action, user.id);
    const version = await deps.responses.addVersion(id, r.state, p.data, user.id);
    await deps.audit.append({
      actor: user.email,
      action: `response.${action}`,
      targetType: 'response',
      targetId: id,
      details: { version },
    });
    return c.redirect(`/drafts/${id}`, 303);
  });

  const transition = (action: ResponseAction, permission: 'response.draft' | 'response.approve') =>
    app.post(`/drafts/:id/${action.replace('_', '-')}`, requirePermission(permission), async (c) => {
      const user = c.get('user')!;
      const id = c.req.param('id');
      const r = await deps.responses.get(id);
      if (!r) throw new NotFoundError('no such response');
      const to = nextResponseState(r, action, user.id);
      const note =
        action === 'request_changes'
          ? z
              .string()
              .max(2000)
              .optional()
              .parse((await c.req.parseBody()).note)
          : undefined;
      await deps.responses.transition(id, r.state, to, user.id, note);
      await deps.audit.append({
        actor: user.email,
        action: `response.${action}`,
        targetType: 'response',
        targetId: id,
        details: { version: r.currentVersion },
      });
      return c.redirect(`/drafts/${id}`, 303);
    });

  transition('submit', 'response.draft');
  transition('approve', 'response.approve');
  transition('request_changes', 'response.approve');
  // Publishing (now or at an embargo time) is served by the portal feature's publication service.
  return app;
}
