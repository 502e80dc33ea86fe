import type { FollowSettings, WebhookDelivery } from '../../store/follow-store.js';
import { label } from '../../web/ui/i18n.js';
import { Csrf, Layout, Notice, type ViewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import { provinces } from './follows-input.js';

/** Field errors of the forms on the page, and what to show once after a POST. */
export interface FollowsPageState {
  errors?: { topics?: string; province?: string; url?: string };
  /** The form values to show again after an error. */
  topicsOther?: string;
  url?: string;
  saved?: boolean;
  /** A new signing secret, shown once. */
  secret?: string;
  /** New personal feed URLs, shown once. */
  feed?: { atom: string; rss: string };
}

/** The journalist's follows page: follows form, webhook, deliveries, personal feed. */
export function FollowsPage(props: {
  v: ViewCtx;
  settings: FollowSettings;
  facetTopics: string[];
  deliveries: WebhookDelivery[];
  state?: FollowsPageState;
}) {
  const { v, settings: s } = props;
  const st = props.state ?? {};
  const err = st.errors ?? {};
  const followed = new Set(s.topics);
  // The topics of published responses, and any tag family the journalist follows (so a
  // followed family never ends up as a code in the free-entry field), by their label.
  const isFamily = (t: string) => v.tag(t) !== t;
  const offered = [...new Set([...props.facetTopics.filter(Boolean), ...s.topics.filter(isFamily)])].sort(
    (a, b) => v.tag(a).localeCompare(v.tag(b), v.lang),
  );
  const offeredSet = new Set(offered);
  const other = st.topicsOther ?? s.topics.filter((t) => !offeredSet.has(t)).join(', ');
  const chosenProvinces = new Set(s.provinces);
  return (
    <Layout v={v} title={v.t('follows.title')} wide>
      {Object.keys(err).length ? <Notice kind="error">{v.t('follows.errorSummary')}</Notice> : null}
      {st.saved ? <Notice kind="ok">{v.t('follows.saved')}</Notice> : null}
      <p>{v.t('follows.intro')}</p>

      <section aria-labelledby="fl-h">
        <h2 id="fl-h">{v.t('follows.followsHeading')}</h2>
        <p>{v.t('follows.summary', { topics: s.topics.length, provinces: s.provinces.length })}</p>
        <form method="post" action="/account/follows" class="stack follows-form">
          <Csrf v={v} />
          <fieldset>
            <legend>{v.t('follows.topics')}</legend>
            {offered.length ? (
              <ul class="follows-choices">
                {offered.map((t, i) => (
                  <li>
                    <input
                      type="checkbox"
                      id={`topic-${i}`}
                      name="topic"
                      value={t}
                      checked={followed.has(t)}
                    />{' '}
                    <label for={`topic-${i}`}>{v.tag(t)}</label>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="hint">{v.t('follows.noTopics')}</p>
            )}
            <label for="topics-other">{v.t('follows.topicsOther')}</label>
            <p id="topics-other-hint" class="hint">
              {v.t('follows.topicsOtherHint')}
            </p>
            {err.topics ? (
              <p id="topics-other-err" class="follows-error">
                {v.t('follows.errTopics')} ({err.topics})
              </p>
            ) : null}
            <textarea
              id="topics-other"
              name="topicsOther"
              rows={2}
              aria-describedby={err.topics ? 'topics-other-hint topics-other-err' : 'topics-other-hint'}
              aria-invalid={err.topics ? 'true' : undefined}
            >
              {other}
            </textarea>
          </fieldset>
          <fieldset aria-describedby={err.province ? 'province-err' : undefined}>
            <legend>{v.t('follows.provinces')}</legend>
            {err.province ? (
              <p id="province-err" class="follows-error">
                {v.t('follows.errProvince')} ({err.province})
              </p>
            ) : null}
            <ul class="follows-choices provinces">
              {provinces.map((p, i) => (
                <li>
                  <input
                    type="checkbox"
                    id={`province-${i}`}
                    name="province"
                    value={p}
                    checked={chosenProvinces.has(p)}
                  />{' '}
                  <label for={`province-${i}`}>{p}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit">{v.t('follows.save')}</button>
        </form>
      </section>

      <section aria-labelledby="wh-h">
        <h2 id="wh-h">{v.t('follows.webhookHeading')}</h2>
        <p>{v.t('follows.webhookIntro')}</p>
        {st.secret ? (
          <div class="notice info follows-once" role="status">
            <p>{v.t('follows.secretShown')}</p>
            <label for="wh-secret">{v.t('follows.secretLabel')}</label>
            <input id="wh-secret" type="text" readonly value={st.secret} class="follows-secret" />
          </div>
        ) : null}
        {s.webhookUrl ? (
          <p>
            {v.t('follows.webhookCurrent')} <code>{s.webhookUrl}</code>
          </p>
        ) : (
          <p>{v.t('follows.webhookNone')}</p>
        )}
        <form method="post" action="/account/follows/webhook" class="stack narrow">
          <Csrf v={v} />
          <label for="wh-url">{v.t('follows.webhookUrl')}</label>
          {err.url ? (
            <p id="wh-url-err" class="follows-error">
              {v.t('follows.errUrl')} ({err.url})
            </p>
          ) : null}
          <input
            id="wh-url"
            name="url"
            type="url"
            required
            maxlength={2000}
            value={st.url ?? s.webhookUrl ?? ''}
            aria-describedby={err.url ? 'wh-url-err' : undefined}
            aria-invalid={err.url ? 'true' : undefined}
          />
          <button type="submit">{v.t('follows.webhookSave')}</button>
        </form>
        {s.webhookUrl ? (
          <div class="row">
            <form method="post" action="/account/follows/webhook/secret" class="inline">
              <Csrf v={v} />
              <button type="submit">{v.t('follows.rotateSecret')}</button>
            </form>
            <form method="post" action="/account/follows/webhook/delete" class="inline">
              <Csrf v={v} />
              <button type="submit">{v.t('follows.webhookRemove')}</button>
            </form>
          </div>
        ) : null}
        <details>
          <summary>{v.t('follows.verifyHeading')}</summary>
          <p>{v.t('follows.verify1')}</p>
          <p>{v.t('follows.verify2')}</p>
        </details>
        <Deliveries v={v} list={props.deliveries} />
      </section>

      <section aria-labelledby="feed-h">
        <h2 id="feed-h">{v.t('follows.feedHeading')}</h2>
        <p>{v.t('follows.feedIntro')}</p>
        {st.feed ? (
          <div class="notice info follows-once" role="status">
            <p>{v.t('follows.feedShown')}</p>
            <label for="feed-atom">{v.t('follows.feedAtom')}</label>
            <input id="feed-atom" type="text" readonly value={st.feed.atom} class="follows-secret" />
            <label for="feed-rss">{v.t('follows.feedRss')}</label>
            <input id="feed-rss" type="text" readonly value={st.feed.rss} class="follows-secret" />
          </div>
        ) : (
          <p>{s.hasFeed ? v.t('follows.feedExists') : v.t('follows.feedNone')}</p>
        )}
        <div class="row">
          <form method="post" action="/account/follows/feed" class="inline">
            <Csrf v={v} />
            <button type="submit">{s.hasFeed ? v.t('follows.feedRotate') : v.t('follows.feedCreate')}</button>
          </form>
          {s.hasFeed ? (
            <form method="post" action="/account/follows/feed/delete" class="inline">
              <Csrf v={v} />
              <button type="submit">{v.t('follows.feedRevoke')}</button>
            </form>
          ) : null}
        </div>
      </section>
    </Layout>
  );
}

function Deliveries({ v, list }: { v: ViewCtx; list: WebhookDelivery[] }) {
  if (list.length === 0) return <p>{v.t('follows.noDeliveries')}</p>;
  return (
    <TableRegion label={v.t('follows.deliveries')}>
      <table class="restack">
        <caption>{v.t('follows.deliveries')}</caption>
        <thead>
          <tr>
            <th scope="col">{v.t('follows.colTime')}</th>
            <th scope="col">{v.t('follows.colEvent')}</th>
            <th scope="col">{v.t('follows.colResponse')}</th>
            <th scope="col">{v.t('follows.colStatus')}</th>
            <th scope="col">{v.t('follows.colAttempts')}</th>
            <th scope="col">{v.t('follows.colError')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => {
            const r = (d.payload.response ?? {}) as { title?: string; url?: string };
            return (
              <tr>
                <td data-label={v.t('follows.colTime')}>
                  <time datetime={d.updatedAt}>{v.when(d.updatedAt)}</time>
                </td>
                <td data-label={v.t('follows.colEvent')}>{label(v.t, 'follows.event', d.event)}</td>
                <td data-label={v.t('follows.colResponse')}>
                  {r.url ? <a href={r.url}>{r.title ?? d.responseId}</a> : d.responseId}
                </td>
                <td data-label={v.t('follows.colStatus')}>{label(v.t, 'follows.status', d.status)}</td>
                <td data-label={v.t('follows.colAttempts')}>{d.attempts}</td>
                <td data-label={v.t('follows.colError')}>
                  {d.status === 'delivered' ? '' : (d.lastError ?? '')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
