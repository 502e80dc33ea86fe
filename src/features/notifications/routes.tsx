import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { visibleKinds } from '../../domain/notifications.js';
import { isStamp, type NotificationStore } from '../../store/notification-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { viewCtx } from '../../web/ui/layout.js';
import { notificationHref } from './links.js';
import { NotificationsPage } from './view.js';

const PAGE = 30;
const MAX_PAGE = 1000;

const pageSchema = z.coerce.number().int().min(1).max(MAX_PAGE);
const listQuerySchema = z.object({
  page: pageSchema.default(1),
  unread: z.enum(['1']).optional(),
  read: z.enum(['1']).optional(),
  readAll: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
const backSchema = z.object({ page: pageSchema.default(1), unread: z.enum(['1']).optional() });

/**
 * `/notifications` (staff and supervisors): the signed-in person's notifications, newest
 * first, with "mark read" per notification and "mark all read" (both POST forms with the
 * CSRF token); `/notifications/:id/open` marks one read and goes to its page;
 * `/notifications/count` answers `{count}` for the header's live count. Another person's
 * notification is a 404, as if it did not exist.
 */
export function createNotificationRoutes(deps: {
  store: Pick<NotificationStore, 'list' | 'unreadCount' | 'markRead' | 'markAllRead'>;
}) {
  const app = new Hono();
  app.use('/notifications', requirePermission('notifications.read'));
  app.use('/notifications/*', requirePermission('notifications.read'));
  const me = (c: Context) => {
    const user = c.get('user')!;
    return { user, kinds: visibleKinds(user.role) };
  };

  app.get('/notifications', async (c) => {
    const v = viewCtx(c);
    const q = listQuerySchema.safeParse(c.req.query());
    if (!q.success) throw new ValidationError(v.t('notifications.badPage'), q.error.issues);
    const { user, kinds } = me(c);
    const unreadOnly = q.data.unread === '1';
    const [list, unread] = await Promise.all([
      deps.store.list(user.id, kinds, { unreadOnly, limit: PAGE, offset: (q.data.page - 1) * PAGE }),
      deps.store.unreadCount(user.id, kinds),
    ]);
    const all = unreadOnly
      ? (await deps.store.list(user.id, kinds, { limit: 0, offset: 0 })).total
      : list.total;
    const notice =
      q.data.read === '1' || q.data.readAll === 1
        ? v.t('notifications.markedOne')
        : q.data.readAll !== undefined
          ? v.t('notifications.markedAll', { n: q.data.readAll })
          : undefined;
    return c.html(
      <NotificationsPage
        v={v}
        rows={list.rows}
        total={all}
        unread={unread}
        newest={list.newest}
        page={q.data.page}
        pages={Math.min(MAX_PAGE, Math.max(1, Math.ceil(list.total / PAGE)))}
        unreadOnly={unreadOnly}
        notice={notice}
      />,
    );
  });

  app.get('/notifications/count', async (c) => {
    const { user, kinds } = me(c);
    c.header('cache-control', 'no-store');
    return c.json({ count: await deps.store.unreadCount(user.id, kinds) });
  });

  app.get('/notifications/:id/open', async (c) => {
    const { user, kinds } = me(c);
    const target = await deps.store.markRead(c.req.param('id'), user.id, kinds);
    if (!target) throw new NotFoundError('no such notification');
    return c.redirect(notificationHref(target, user), 303);
  });

  app.post('/notifications/:id/read', async (c) => {
    const { user, kinds } = me(c);
    const back = backSchema.safeParse(await c.req.parseBody());
    if (!back.success) throw new ValidationError(viewCtx(c).t('notifications.badForm'), back.error.issues);
    if (!(await deps.store.markRead(c.req.param('id'), user.id, kinds)))
      throw new NotFoundError('no such notification');
    const unread = back.data.unread ? 'unread=1&' : '';
    return c.redirect(`/notifications?${unread}page=${back.data.page}&read=1`, 303);
  });

  app.post('/notifications/read-all', async (c) => {
    const { user } = me(c);
    const body = z.object({ before: z.string().refine(isStamp) }).safeParse(await c.req.parseBody());
    if (!body.success) throw new ValidationError(viewCtx(c).t('notifications.badForm'), body.error.issues);
    const n = await deps.store.markAllRead(user.id, body.data.before);
    return c.redirect(`/notifications?readAll=${n}`, 303);
  });

  return app;
}
