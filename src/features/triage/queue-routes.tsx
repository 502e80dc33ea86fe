import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { bulkJob } from '../../pipeline/bulk-job.js';
import type { JobQueue } from '../../queue/types.js';
import type { SearchIndex } from '../../search/types.js';
import { bulkActions, type createBulkJobStore } from '../../store/bulk-job-store.js';
import type { ClaimLinkStore } from '../../store/claim-link-store.js';
import type { createAuditLog, createUserStore } from '../../store/index.js';
import type { createSavedSearchStore } from '../../store/saved-search-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { Csrf, Fold, Layout, Notice, type ViewCtx, viewCtx } from '../../web/ui/layout.js';
import {
  activeFilters,
  buildFilter,
  buildSort,
  parseQueueQuery,
  QUEUE_FACETS,
  type QueueQuery,
} from './queue-query.js';
import { BulkForm, QueueFilters, type QueueHit, QueueResults } from './queue-view.js';

const PAGE = 25;
const bulkSchema = z.object({
  action: z.enum(bulkActions),
  ids: z.union([z.uuid(), z.array(z.uuid()).max(1000)]).transform((v) => (Array.isArray(v) ? v : [v])),
  assignee: z.string().optional(),
  status: z.string().optional(),
  label: z.string().trim().max(60).optional(),
});
const savedSchema = z.object({ name: z.string().trim().min(1).max(100), query: z.string().max(3000) });

/** Assignable colleagues (staff and supervisors). */
export const assignable = async (users: Pick<ReturnType<typeof createUserStore>, 'list'>) =>
  (await users.list()).filter((u) => !u.disabled && (u.role === 'staff' || u.role === 'supervisor'));

/** The triage queue: search with facets, saved searches, bulk actions as background jobs. */
export function createQueueRoutes(deps: {
  search: Pick<SearchIndex, 'search'>;
  users: Pick<ReturnType<typeof createUserStore>, 'list'>;
  saved: ReturnType<typeof createSavedSearchStore>;
  jobs: ReturnType<typeof createBulkJobStore>;
  queue: Pick<JobQueue, 'enqueue'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  claimLinks: Pick<ClaimLinkStore, 'answerStates'>;
}) {
  const app = new Hono();
  app.use('/queue', requirePermission('queue.read'));
  app.use('/queue/*', requirePermission('queue.read'));
  app.use('/jobs/*', requirePermission('item.write'));

  const run = async (q: QueueQuery) => {
    const res = await deps.search.search<QueueHit>('items', {
      q: q.q || undefined,
      filter: buildFilter(q),
      sort: buildSort(q),
      facets: [...QUEUE_FACETS],
      highlight: ['text'],
      limit: PAGE,
      offset: (q.page - 1) * PAGE,
    });
    // "Already answered" comes from the system of record, for the rows on this page only.
    return { ...res, answers: await deps.claimLinks.answerStates(res.hits.map((h) => h.id)) };
  };

  app.get('/queue', async (c) => {
    const v = viewCtx(c);
    const q = parseQueueQuery(new URL(c.req.url).searchParams);
    const [res, saved, users] = await Promise.all([
      run(q),
      deps.saved.list(v.user!.id),
      assignable(deps.users),
    ]);
    return c.html(
      <Layout v={v} title={v.t('queue.title')} wide>
        {c.req.query('job') ? <Notice kind="info">{v.t('bulk.started')}</Notice> : null}
        <div class="queue">
          <aside aria-labelledby="filters-h">
            {/* On a phone the filters fold behind one button, so the first items show on the first screen. */}
            <Fold label={v.t('queue.fold')}>
              {activeFilters(q) ? ` (${v.t('queue.active', { n: activeFilters(q) })})` : null}
            </Fold>
            <h2 id="filters-h" class="folded">
              {v.t('queue.filters')}
            </h2>
            <QueueFilters v={v} q={q} facets={res.facets} />
            <SavedSearches v={v} saved={saved} />
          </aside>
          <section aria-labelledby="results-h" data-live-src={`/queue/results${v.search}`}>
            <h2 id="results-h">{v.t('queue.results')}</h2>
            <QueueResults v={v} q={q} hits={res.hits} total={res.total} answers={res.answers} />
            <BulkForm v={v} users={users} />
          </section>
        </div>
      </Layout>,
    );
  });

  app.get('/queue/results', async (c) => {
    const v = viewCtx(c);
    const q = parseQueueQuery(new URL(c.req.url).searchParams);
    const res = await run(q);
    return c.html(<QueueResults v={v} q={q} hits={res.hits} total={res.total} answers={res.answers} />);
  });

  app.post('/queue/saved', async (c) => {
    const user = c.get('user')!;
    const p = savedSchema.safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('invalid saved search', p.error.issues);
    const query = p.data.query.replace(/^\?/, '');
    await deps.saved.create(user.id, p.data.name, query);
    return c.redirect(`/queue${query ? `?${query}` : ''}`, 303);
  });

  app.post('/queue/saved/:id/delete', async (c) => {
    const ok = await deps.saved.remove(c.get('user')!.id, c.req.param('id'));
    if (!ok) throw new NotFoundError('no such saved search');
    return c.redirect('/queue', 303);
  });

  app.post('/queue/bulk', requirePermission('item.write'), async (c) => {
    const user = c.get('user')!;
    const p = bulkSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!p.success) throw new ValidationError('choose an action and at least one item', p.error.issues);
    const params: Record<string, string> = {};
    if (p.data.action === 'assign') params.assignee = p.data.assignee ?? '';
    if (p.data.action === 'status') params.status = p.data.status ?? '';
    if (p.data.action === 'tag') params.label = p.data.label ?? '';
    const id = await deps.jobs.create({
      userId: user.id,
      action: p.data.action,
      params,
      itemIds: p.data.ids,
    });
    await deps.audit.append({
      actor: user.email,
      action: 'bulk.create',
      targetType: 'bulk_job',
      targetId: id,
      details: { action: p.data.action, count: p.data.ids.length },
    });
    await deps.queue.enqueue(bulkJob, { jobId: id }, { jobId: `bulk:${id}` });
    return c.redirect(`/jobs/${id}`, 303);
  });

  app.get('/jobs/:id', async (c) => {
    const v = viewCtx(c);
    const job = await deps.jobs.get(c.req.param('id'));
    if (!job || job.userId !== v.user!.id) throw new NotFoundError('no such job');
    if (c.req.query('format') === 'json')
      return c.json({ id: job.id, state: job.state, total: job.total, done: job.done, failed: job.failed });
    const pct = job.total ? Math.round(((job.done + job.failed) / job.total) * 100) : 100;
    return c.html(
      <Layout v={v} title={v.t('bulk.jobTitle')}>
        <div data-job={job.id} data-state={job.state}>
          <p id="job-state">{v.t(`bulk.state.${job.state}` as 'bulk.state.queued')}</p>
          <label for="job-progress">
            {v.t('bulk.progress', { done: job.done, failed: job.failed, total: job.total })}
          </label>
          <progress id="job-progress" max={100} value={pct}>{`${pct}%`}</progress>
        </div>
        <p>
          <a href="/queue">{v.t('bulk.back')}</a>
        </p>
      </Layout>,
    );
  });
  return app;
}

function SavedSearches({ v, saved }: { v: ViewCtx; saved: { id: string; name: string; query: string }[] }) {
  return (
    <section class="folded" aria-labelledby="saved-h">
      <h2 id="saved-h">{v.t('saved.title')}</h2>
      <ul class="saved">
        {saved.map((s) => (
          <li>
            <a href={`/queue${s.query ? `?${s.query}` : ''}`}>{s.name}</a>
            <form method="post" action={`/queue/saved/${s.id}/delete`} class="inline">
              <Csrf v={v} />
              <button type="submit" class="small" aria-label={v.t('saved.delete', { name: s.name })}>
                ×
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action="/queue/saved" class="row">
        <Csrf v={v} />
        <input type="hidden" name="query" value={v.search.replace(/^\?/, '')} />
        <label for="saved-name">{v.t('saved.name')}</label>
        <input id="saved-name" name="name" required maxlength={100} />
        <button type="submit">{v.t('saved.save')}</button>
      </form>
    </section>
  );
}
