import { expect, it } from 'vitest';
import { shellDictionaries, translator } from '../../web/ui/i18n.js';
import type { ViewCtx } from '../../web/ui/layout.js';
import { parseQueueQuery } from './queue-query.js';
import { QueueFilters } from './queue-view.js';

it('lists province facets in Turkish alphabetical order', () => {
  const v = { t: translator(shellDictionaries, 'tr'), lang: 'tr', csrf: '' } as unknown as ViewCtx;
  const html = String(
    <QueueFilters
      v={v}
      q={parseQueueQuery(new URLSearchParams())}
      facets={{
        province: { Zonguldak: 1, Şanlıurfa: 2, İzmir: 3, Samsun: 1, Isparta: 4, İstanbul: 9, Çorum: 1 },
      }}
    />,
  );
  const order = [...html.matchAll(/name="province" value="([^"]+)"/g)].map((m) => m[1]);
  expect(order).toEqual(['Çorum', 'Isparta', 'İstanbul', 'İzmir', 'Samsun', 'Şanlıurfa', 'Zonguldak']);
});
