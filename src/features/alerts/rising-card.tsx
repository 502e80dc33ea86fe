import type { Alert } from '../../store/alert-store.js';
import type { ViewCtx } from '../../web/ui/layout.js';
import { AlertSubject, when } from './alerts-page.js';

/** The dashboard's "Yükselenler / Rising" card: the newest alerts not yet seen. */
export function RisingCard({
  v,
  alerts,
  claims,
}: {
  v: ViewCtx;
  alerts: Alert[];
  claims: Map<string, string>;
}) {
  return (
    <section aria-labelledby="rising-h" class="card">
      <h2 id="rising-h">{v.t('alerts.title')}</h2>
      {alerts.length === 0 ? <p>{v.t('common.none')}</p> : null}
      <ul>
        {alerts.map((a) => (
          <li>
            <AlertSubject v={v} a={a} claims={claims} /> · {a.province ?? v.t('alerts.allProvinces')} ·{' '}
            {when(v, a.detectedAt)}
          </li>
        ))}
      </ul>
      <p>
        <a href="/alerts?unseen=1">{v.t('alerts.unacknowledgedOnly')}</a>
      </p>
    </section>
  );
}
