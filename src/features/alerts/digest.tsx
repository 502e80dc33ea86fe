import { generateAtomFeed } from 'feedsmith';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Alert, AlertStore, DigestCluster } from '../../store/alert-store.js';
import type { createAuditLog } from '../../store/audit-log.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { createDictionaries, label, type T, translator } from '../../web/ui/i18n.js';
import { Csrf, Layout, Notice, type ViewCtx, viewCtx } from '../../web/ui/layout.js';
import { AlertSubject, when } from './alerts-page.js';
import { en, tr } from './i18n.js';

const DAY = 86_400_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The digest's content: new clusters and rising subjects of the last day, by topic. */
export interface Digest {
  since: Date;
  clusters: DigestCluster[];
  rising: (Alert & { topic: string | null })[];
}

type DigestStore = Pick<AlertStore, 'newClusters' | 'list' | 'topicOf' | 'rotateDigestToken' | 'digestUser'>;

async function loadDigest(alerts: DigestStore, now: number): Promise<Digest> {
  const since = new Date(now - DAY);
  const clusters = await alerts.newClusters(since, 30);
  const list = await alerts.list({ since, limit: 50 });
  const rising = await Promise.all(list.map(async (a) => ({ ...a, topic: await alerts.topicOf(a) })));
  return { since, clusters, rising };
}

function byTopic<X extends { topic: string | null }>(xs: X[]): [string | null, X[]][] {
  const m = new Map<string | null, X[]>();
  for (const x of xs) m.set(x.topic, [...(m.get(x.topic) ?? []), x]);
  return [...m.entries()].sort((a, b) => (a[0] === null ? 1 : b[0] === null ? -1 : a[0].localeCompare(b[0])));
}

const topicName = (t: T, topic: string | null) =>
  topic ? label(t, 'alerts.topic', topic) : t('alerts.digest.otherTopic');

function DigestPage(props: { v: ViewCtx; d: Digest; claims: Map<string, string>; feedUrl?: string }) {
  const { v, d } = props;
  return (
    <Layout v={v} title={v.t('alerts.digest')}>
      <p>{v.t('alerts.digest.intro')}</p>
      <h2>{v.t('alerts.digest.rising')}</h2>
      {d.rising.length === 0 ? <p>{v.t('common.none')}</p> : null}
      {byTopic(d.rising).map(([topic, xs]) => (
        <section>
          <h3>{topicName(v.t, topic)}</h3>
          <ul>
            {xs.map((a) => (
              <li>
                <AlertSubject v={v} a={a} claims={props.claims} /> ·{' '}
                {a.province ?? v.t('alerts.allProvinces')} · {when(v, a.detectedAt)} ·{' '}
                {v.t('alerts.digest.items', { n: a.peakCount })}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>{v.t('alerts.digest.newClusters')}</h2>
      {d.clusters.length === 0 ? <p>{v.t('common.none')}</p> : null}
      {byTopic(d.clusters).map(([topic, xs]) => (
        <section>
          <h3>{topicName(v.t, topic)}</h3>
          <ul>
            {xs.map((c) => (
              <li>
                <a href={`/items/${c.itemId}`}>{c.text.slice(0, 200)}</a> ·{' '}
                {v.t('alerts.digest.items', { n: c.items })}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>{v.t('alerts.digest.feed')}</h2>
      <p>{v.t('alerts.digest.feedHint')}</p>
      {props.feedUrl ? (
        <Notice kind="info">
          {v.t('alerts.digest.feedUrl')} <code>{props.feedUrl}</code>
        </Notice>
      ) : null}
      <form method="post" action="/digest/token">
        <Csrf v={v} />
        <button type="submit">{v.t('alerts.digest.rotate')}</button>
      </form>
    </Layout>
  );
}

/** The digest as Atom: one entry per rising subject and per new cluster, categorised by topic. */
export function renderDigestFeed(
  d: Digest,
  t: T,
  base: string,
  selfUrl: string,
  claims: Map<string, string>,
) {
  const entries = [
    ...d.rising.map((a) => ({
      id: `${base}/alerts#${a.id}`,
      title: {
        value: `${a.kind === 'claim' ? `${t('alerts.claim')}: ${claims.get(a.subject) ?? a.subject}` : t('alerts.cluster')} (${a.province ?? t('alerts.allProvinces')})`,
      },
      updated: new Date(a.detectedAt),
      summary: { value: t('alerts.digest.items', { n: a.peakCount }) },
      links: [{ href: `${base}/alerts`, rel: 'alternate', type: 'text/html' }],
      categories: [{ term: a.topic ?? 'other', label: topicName(t, a.topic) }],
    })),
    ...d.clusters.map((c) => ({
      id: `${base}/items/${c.itemId}`,
      title: { value: c.text.slice(0, 120) },
      updated: d.since,
      summary: { value: `${t('alerts.digest.newClusters')} · ${t('alerts.digest.items', { n: c.items })}` },
      links: [{ href: `${base}/items/${c.itemId}`, rel: 'alternate', type: 'text/html' }],
      categories: [{ term: c.topic ?? 'other', label: topicName(t, c.topic) }],
    })),
  ];
  return generateAtomFeed({
    id: `${base}/digest`,
    title: { value: t('alerts.digest.feedTitle') },
    subtitle: { value: t('alerts.digest.intro') },
    updated: new Date(),
    links: [
      { href: selfUrl, rel: 'self', type: 'application/atom+xml' },
      { href: `${base}/digest`, rel: 'alternate', type: 'text/html' },
    ],
    entries,
  });
}

/**
 * `/digest` (staff and supervisors): the morning digest page and the user's personal
 * digest feed token (created or replaced on request, shown once, audited);
 * `/feeds/digest/:token.atom`: the digest as Atom for that token.
 */
export function createDigestRoutes(deps: {
  alerts: DigestStore;
  claimTexts: () => Promise<Map<string, string>>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  rateLimit: MiddlewareHandler;
  config: Pick<Config, 'PUBLIC_BASE_URL'>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const app = new Hono();
  const dicts = createDictionaries([{ tr, en }]);
  const base = () => deps.config.PUBLIC_BASE_URL ?? '';
  app.use('/digest', requirePermission('queue.read'));
  app.use('/digest/*', requirePermission('queue.read'));
  app.get('/digest', async (c) => {
    const d = await loadDigest(deps.alerts, now());
    return c.html(<DigestPage v={viewCtx(c)} d={d} claims={await deps.claimTexts()} />);
  });
  app.post('/digest/token', async (c) => {
    const user = c.get('user')!;
    const token = await deps.alerts.rotateDigestToken(user.id);
    await deps.audit.append({
      actor: user.email,
      action: 'digest.token.rotate',
      targetType: 'user',
      targetId: user.id,
    });
    const d = await loadDigest(deps.alerts, now());
    const url = `${base()}/feeds/digest/${token}.atom`;
    return c.html(<DigestPage v={viewCtx(c)} d={d} claims={await deps.claimTexts()} feedUrl={url} />);
  });
  app.get('/feeds/digest/:file', deps.rateLimit, async (c) => {
    const token = /^(.+)\.atom$/.exec(c.req.param('file'))?.[1] ?? '';
    if (!TOKEN.test(token) || !(await deps.alerts.digestUser(token))) throw new NotFoundError('no such feed');
    const t = translator(dicts, c.get('lang') ?? 'tr');
    const d = await loadDigest(deps.alerts, now());
    const xml = renderDigestFeed(
      d,
      t,
      base(),
      `${base()}/feeds/digest/${token}.atom`,
      await deps.claimTexts(),
    );
    c.header('content-type', 'application/atom+xml; charset=utf-8');
    c.header('cache-control', 'private, no-cache');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-robots-tag', 'noindex');
    return c.body(xml);
  });
  return app;
}
