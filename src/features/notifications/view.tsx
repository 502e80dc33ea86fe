import type { NotificationRow } from '../../store/notification-store.js';
import { Csrf, Layout, Notice, type ViewCtx } from '../../web/ui/layout.js';

const SNIPPET = 160;
const clip = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > SNIPPET ? `${t.slice(0, SNIPPET - 1).trimEnd()}…` : t;
};

/** The sentence that says what happened, in the page language. */
export function notificationText(v: ViewCtx, n: NotificationRow): string {
  const actor = n.actorName ?? v.t('notifications.someone');
  switch (n.kind) {
    case 'item_assigned':
      return n.count > 1
        ? v.t('notifications.item_assigned.many', { actor, n: n.count })
        : v.t('notifications.item_assigned', { actor });
    case 'application_escalated':
      return n.count > 1 || !n.targetId
        ? v.t('notifications.application_escalated.many', { n: n.count })
        : v.t('notifications.application_escalated');
    case 'surge_alert':
      return n.alertKind === 'cluster'
        ? v.t('notifications.surge_alert.cluster')
        : v.t('notifications.surge_alert');
    default:
      return v.t(`notifications.${n.kind}`, { actor });
  }
}

/** A notification's details line: the target's text, the province of a surge, a due date. */
function Details({ v, n }: { v: ViewCtx; n: NotificationRow }) {
  const grouped = !n.targetId;
  const extra = [
    n.kind === 'surge_alert'
      ? v.t('notifications.province', { province: n.province ?? v.t('notifications.allProvinces') })
      : null,
    n.dueDate ? v.t('notifications.dueDate', { date: v.day(n.dueDate) }) : null,
  ].filter((x) => x !== null);
  return (
    <>
      {n.subject ? (
        <p class="snippet">
          <q>{clip(n.subject)}</q>
        </p>
      ) : grouped ? null : (
        <p class="snippet hint">{v.t('notifications.gone')}</p>
      )}
      <p class="meta">
        <time datetime={n.createdAt}>{v.when(n.createdAt)}</time>
        {extra.map((x) => ` · ${x}`).join('')}
      </p>
    </>
  );
}

/** The notifications page: filter, "mark all read", the list with "mark read" per item, pages. */
export function NotificationsPage(props: {
  v: ViewCtx;
  rows: NotificationRow[];
  total: number;
  unread: number;
  newest: string | null;
  page: number;
  pages: number;
  unreadOnly: boolean;
  notice?: string;
}) {
  const { v, rows, page, pages, unreadOnly } = props;
  const query = (p: number) => `/notifications?${unreadOnly ? 'unread=1&' : ''}page=${p}`;
  return (
    <Layout v={v} title={v.t('notifications.title')}>
      <p>{v.t('notifications.intro')}</p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p>
        <a href="/notifications" aria-current={unreadOnly ? undefined : 'page'}>
          {v.t('notifications.all')}
        </a>
        {' · '}
        <a href="/notifications?unread=1" aria-current={unreadOnly ? 'page' : undefined}>
          {v.t('notifications.unreadOnly')}
        </a>
      </p>
      <div class="row notif-summary">
        <p>{v.t('notifications.summary', { total: props.total, unread: props.unread })}</p>
        {props.unread > 0 && props.newest ? (
          <form method="post" action="/notifications/read-all">
            <Csrf v={v} />
            <input type="hidden" name="before" value={props.newest} />
            <button type="submit">{v.t('notifications.markAll')}</button>
          </form>
        ) : null}
      </div>
      <section aria-labelledby="notif-h">
        <h2 id="notif-h" class="sr-only">
          {v.t('notifications.list')}
        </h2>
        {rows.length === 0 ? (
          <p>{v.t(unreadOnly ? 'notifications.noneUnread' : 'notifications.none')}</p>
        ) : (
          <ul class="notifs">
            {rows.map((n) => {
              const unread = !n.readAt;
              return (
                <li class={unread ? 'notif unread' : 'notif'} id={`n-${n.id}`}>
                  <p class="notif-text">
                    <span class={unread ? 'state unread' : 'state'}>
                      {v.t(unread ? 'notifications.unread' : 'notifications.read')}
                    </span>{' '}
                    <a id={`nt-${n.id}`} href={`/notifications/${n.id}/open`}>
                      {notificationText(v, n)}
                    </a>
                  </p>
                  <Details v={v} n={n} />
                  {unread ? (
                    <form method="post" action={`/notifications/${n.id}/read`}>
                      <Csrf v={v} />
                      {unreadOnly ? <input type="hidden" name="unread" value="1" /> : null}
                      <input type="hidden" name="page" value={String(page)} />
                      <button type="submit" class="secondary" aria-describedby={`nt-${n.id}`}>
                        {v.t('notifications.markRead')}
                      </button>
                    </form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {pages > 1 ? (
        <nav aria-label={v.t('notifications.pages')} class="pager">
          {page > 1 ? <a href={query(page - 1)}>{v.t('notifications.newer')}</a> : null}
          <span>{v.t('notifications.pageOf', { page, pages })}</span>
          {page < pages ? <a href={query(page + 1)}>{v.t('notifications.older')}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
