import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { localParts } from '../../domain/applications/calendar.js';
import { replyChannels } from '../../domain/applications/case-workflow.js';
import { NotFoundError } from '../../domain/errors.js';
import type { ItemActions } from '../../pipeline/bulk-item-actions.js';
import type { ApplicationStore } from '../../store/application-store.js';
import type { createAuditLog, createItemStore } from '../../store/index.js';
import type { IntakeStore } from '../../store/intake-store.js';
import type { ResponseStore } from '../../store/response-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import type { MsgKey } from '../../web/ui/i18n.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { itemTitle } from '../triage/item-title.js';
import { CasePage, type FormState } from './case-view.js';
import type { Deadlines } from './deadline-config.js';

/** What the case routes need. */
export interface CaseRouteDeps {
  store: Pick<ApplicationStore, 'get' | 'ensureCases' | 'markSent' | 'forward' | 'close'>;
  items: Pick<ReturnType<typeof createItemStore>, 'get' | 'getApplicant'>;
  /** Status change with its audit entry and its request to re-project the item (the index outbox). */
  actions: Pick<ItemActions, 'setStatus'>;
  responses: Pick<ResponseStore, 'list'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'list'>;
  attachments: Pick<IntakeStore, 'listAttachments'>;
  deadlines: Deadlines;
  now: () => Date;
}

const sentSchema = z.object({
  responseId: z.uuid(),
  channel: z.enum(replyChannels),
  sentOn: z.iso.date(),
});
const forwardSchema = z.object({
  institution: z.string().trim().min(2).max(200),
  reason: z.string().trim().min(3).max(2000),
  informed: z.literal('on'),
});
const fieldErrors: Record<string, MsgKey> = {
  responseId: 'apps.err.responseId',
  channel: 'apps.err.channel',
  sentOn: 'apps.err.sentOn',
  institution: 'apps.err.institution',
  reason: 'apps.err.reason',
  informed: 'apps.err.informed',
};

const strings = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, x]) => typeof x === 'string')) as Record<string, string>;

/** `/applications/:id` and its actions: mark the approved reply sent, forward, close (CSRF forms, audited). */
export function createCaseRoutes(deps: CaseRouteDeps) {
  const app = new Hono();
  const tz = deps.deadlines.calendar.tz;

  async function render(c: Context, form?: FormState) {
    const v = viewCtx(c);
    const id = c.req.param('id') ?? '';
    const item = await deps.items.get(id);
    if (item?.kind !== 'application' || !item.appType) throw new NotFoundError('no such application');
    await deps.store.ensureCases({ itemIds: [id] });
    const kase = await deps.store.get(id);
    if (!kase) throw new NotFoundError('no such application');
    const now = deps.now();
    const [applicant, responses, history, attachments] = await Promise.all([
      deps.items.getApplicant(id),
      deps.responses.list({ itemId: id }),
      deps.audit.list({ targetType: 'item', targetId: id, limit: 100 }),
      deps.attachments.listAttachments(id),
    ]);
    const d = {
      c: kase,
      item,
      deadline: deps.deadlines.compute(item.appType, new Date(kase.receivedAt)),
      // Only which fields exist: the values are shown on the item page, after an audited unmask.
      applicantFields: Object.keys(applicant ?? {}),
      replies: responses.filter((r) => r.kind === 'reply'),
      history,
      attachments,
      today: localParts(now, tz).date,
      now,
      form,
    };
    return c.html(
      <Layout v={v} title={`${v.t('apps.case')}: ${itemTitle(v, item)}`} wide>
        <CasePage v={v} d={d} deadlines={deps.deadlines} />
      </Layout>,
      form ? 422 : 200,
    );
  }

  const invalid = (
    c: Context,
    form: FormState['form'],
    issues: z.core.$ZodIssue[],
    values: Record<string, string>,
  ) =>
    render(c, {
      form,
      values,
      errors: Object.fromEntries(
        issues.map((i) => [String(i.path[0]), fieldErrors[String(i.path[0])] ?? 'apps.err.generic']),
      ),
    });

  app.use('/applications/:id', requirePermission('applications.read'));
  app.use('/applications/:id/*', requirePermission('applications.write'));
  app.get('/applications/:id', (c) => render(c));

  app.post('/applications/:id/sent', async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const values = strings(await c.req.parseBody());
    const p = sentSchema.safeParse(values);
    if (!p.success) return invalid(c, 'sent', p.error.issues, values);
    const kase = await deps.store.get(id);
    if (!kase) throw new NotFoundError('no such application');
    const today = localParts(deps.now(), tz).date;
    const received = localParts(new Date(kase.receivedAt), tz).date;
    if (p.data.sentOn > today || p.data.sentOn < received)
      return render(c, { form: 'sent', values, errors: { sentOn: 'apps.err.sentOnRange' } });
    await deps.store.markSent(id, p.data, user);
    await deps.actions.setStatus([id], 'responded', user);
    return c.redirect(`/applications/${id}`, 303);
  });

  app.post('/applications/:id/forward', async (c) => {
    const user = c.get('user')!;
    const id = c.req.param('id');
    const values = strings(await c.req.parseBody());
    const p = forwardSchema.safeParse(values);
    if (!p.success) return invalid(c, 'forward', p.error.issues, values);
    await deps.store.forward(id, p.data, user);
    return c.redirect(`/applications/${id}`, 303);
  });

  app.post('/applications/:id/close', async (c) => {
    await deps.store.close(c.req.param('id'), c.get('user')!);
    return c.redirect(`/applications/${c.req.param('id')}`, 303);
  });
  return app;
}
