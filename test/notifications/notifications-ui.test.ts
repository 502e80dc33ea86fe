/**
 * Notifications through the web UI: the actions on the pages make them, the header shows
 * the unread count, the page lists them in plain words with links, "mark read", "mark all
 * read" and "open" work, and nobody reaches another person's notifications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { client, createUiFixture, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
let itemId = '';
let c: Record<'staff' | 'supervisor' | 'supervisor2', ReturnType<typeof client>>;

const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const page = async (who: ReturnType<typeof client>, path = '/notifications') => {
  const res = await who.request(path);
  expect(res.status).toBe(200);
  return res.text();
};
const count = async (who: ReturnType<typeof client>) => {
  const res = await who.request('/notifications/count', { headers: { accept: 'application/json' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return ((await res.json()) as { count: number }).count;
};
const ids = (html: string) => [...html.matchAll(/href="\/notifications\/(\d+)\/open"/g)].map((m) => m[1]!);

beforeAll(async () => {
  f = await createUiFixture();
  c = { staff: client(f), supervisor: client(f), supervisor2: client(f) };
  for (const [role, cl] of Object.entries(c)) expect((await cl.login(role)).status).toBe(303);
  itemId = (
    await f.app.search.search<{ id: string }>('items', { q: 'baraj', filter: ['kind = post'], limit: 1 })
  ).hits[0]!.id;
});
afterAll(() => f?.dispose());

describe('notifications in the UI', () => {
  let draftId = '';

  it('a submitted draft shows in both supervisors’ header count and list, not in the author’s', async () => {
    const res = await c.staff.post('/drafts', {
      itemId,
      kind: 'public',
      title: 'Baraj patlamadı',
      claimReviewed: 'Baraj patladı',
      verdict: 'false',
      summary: 'İddia yanlış.',
      body: 'Baraj sağlam.',
      sources: '',
      lang: 'tr',
    });
    draftId = res.headers.get('location')!.split('/').pop()!;
    expect((await c.staff.post(`/drafts/${draftId}/submit`)).status).toBe(303);

    expect(await count(c.staff)).toBe(0);
    for (const sup of [c.supervisor, c.supervisor2]) {
      expect(await count(sup)).toBe(1);
      const html = await page(sup, '/notifications?lang=tr');
      expect(html).toMatch(
        /<a href="\/notifications" class="header-link" aria-current="page" data-live-count="\/notifications\/count" data-live-announce="Yeni bildiriminiz var: \{n\} okunmamış">Bildirimler<span class="count"> \(1\)<\/span><\/a>/,
      );
      const text = visible(html);
      expect(text).toContain('Okunmadı Test staff bir yanıt taslağını onayınıza gönderdi');
      expect(text).toContain('Baraj patlamadı');
      expect(text).toContain('Toplam: 1 · Okunmamış: 1');
      expect(text).not.toMatch(/response_submitted|item_assigned|notifications\./);
    }
    const en = visible(await page(c.supervisor, '/notifications?lang=en'));
    expect(en).toContain('Unread Test staff sent a draft response for your approval');
    // Every other page carries the count in the header too.
    expect(await page(c.supervisor, '/drafts?lang=tr')).toContain(
      'Bildirimler<span class="count"> (1)</span>',
    );
  });

  it('opening a notification marks it read and goes to the draft; the count drops', async () => {
    const [id] = ids(await page(c.supervisor));
    const res = await c.supervisor.request(`/notifications/${id}/open`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/drafts/${draftId}`);
    expect(await count(c.supervisor)).toBe(0);
    const html = await page(c.supervisor, '/notifications?lang=en');
    expect(visible(html)).toContain('Read Test staff sent a draft response');
    expect(html).not.toContain('Bildirimler<span class="count">');
    expect(await count(c.supervisor2)).toBe(1);
  });

  it('another person’s notification can be neither opened nor marked (404), and is not listed', async () => {
    const [theirs] = ids(await page(c.supervisor2));
    expect(ids(await page(c.staff))).not.toContain(theirs);
    expect((await c.staff.request(`/notifications/${theirs}/open`)).status).toBe(404);
    expect((await c.staff.post(`/notifications/${theirs}/read`)).status).toBe(404);
    expect((await c.supervisor.post(`/notifications/${theirs}/read`)).status).toBe(404);
    expect((await c.supervisor.request('/notifications/abc/open')).status).toBe(404);
    expect(await count(c.supervisor2)).toBe(1);
    // Marking needs the CSRF token.
    expect((await c.supervisor2.request(`/notifications/${theirs}/read`, { method: 'POST' })).status).toBe(
      403,
    );
    const ok = await c.supervisor2.post(`/notifications/${theirs}/read`, { page: '1' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/notifications?page=1&read=1');
    expect(visible(await page(c.supervisor2, ok.headers.get('location')!))).toContain(
      'Bildirim okundu olarak işaretlendi.',
    );
    expect(await count(c.supervisor2)).toBe(0);
  });

  it('approval, return and assignment notify the author or assignee, with links to their pages', async () => {
    expect(
      (await c.supervisor.post(`/drafts/${draftId}/request-changes`, { note: 'Kaynak ekleyin' })).status,
    ).toBe(303);
    expect((await c.supervisor.post(`/items/${itemId}/assign`, { assignee: f.users.staff!.id })).status).toBe(
      303,
    );
    // Assigning to oneself is no news.
    expect(
      (await c.supervisor.post(`/items/${itemId}/assign`, { assignee: f.users.supervisor!.id })).status,
    ).toBe(303);
    expect(await count(c.supervisor)).toBe(0);
    expect(await count(c.staff)).toBe(2);
    const text = visible(await page(c.staff, '/notifications?lang=en'));
    expect(text).toContain('Test supervisor assigned an item to you');
    expect(text).toContain('Test supervisor sent your draft response back with a request for changes');
    expect(text.indexOf('assigned an item')).toBeLessThan(text.indexOf('sent your draft'));
    const [assigned, returned] = ids(await page(c.staff));
    expect((await c.staff.request(`/notifications/${assigned}/open`)).headers.get('location')).toBe(
      `/items/${itemId}`,
    );
    expect((await c.staff.request(`/notifications/${returned}/open`)).headers.get('location')).toBe(
      `/drafts/${draftId}`,
    );
  });

  it('escalations and surge alerts read in plain words, with the due date and province', async () => {
    await f.app.ingest.ingest('application', [
      {
        type: 'bilgi_edinme',
        subject: 'Bütçe bilgisi',
        text: 'Belediye bütçesini öğrenmek istiyorum.',
        receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
      },
    ]);
    // Staff see the subject redacted, which the tag stage writes.
    await eventually(
      'application tagged',
      async () => (await f.app.stores.items.countByStage()).received === 0,
    );
    const sweep = f.app.features.find((x) => x.name === 'applications')!.tasks![0]!;
    const { escalated } = (await sweep.run()) as { escalated: string[] };
    expect(escalated).toHaveLength(1);
    const alert = await f.app.stores.alerts.record(
      {
        kind: 'claim',
        subject: 'K1',
        province: 'İzmir',
        windowStart: new Date(Date.now() - 3600_000),
        detectedAt: new Date(),
        endedAt: null,
        peakCount: 30,
        expected: 2,
        pValue: 1e-9,
      },
      false,
    );
    const en = visible(await page(c.supervisor, '/notifications?lang=en'));
    expect(en).toContain('Surge alert: a claim is spreading sharply');
    expect(en).toContain('Baraj patladı, şehir sular altında kalacak');
    expect(en).toContain('Province: İzmir');
    expect(en).toContain('An application whose legal deadline is near was escalated');
    expect(en).toContain('Bütçe bilgisi');
    expect(en).toMatch(/Due: \d{1,2} [A-Z][a-z]{2} \d{4}/);
    const tr = visible(await page(c.supervisor, '/notifications?lang=tr'));
    expect(tr).toContain('Yükseliş uyarısı: bir iddia belirgin biçimde yayılıyor');
    expect(tr).toContain('Yasal yanıt süresi dolmak üzere olan bir başvuru üst makama bildirildi');
    expect(tr).toContain('İl: İzmir');
    const [surge, esc] = ids(await page(c.supervisor));
    expect((await c.supervisor.request(`/notifications/${surge}/open`)).headers.get('location')).toBe(
      `/alerts#alert-${alert.id}`,
    );
    expect((await c.supervisor.request(`/notifications/${esc}/open`)).headers.get('location')).toBe(
      `/applications/${escalated[0]}`,
    );
    expect(await page(c.supervisor, '/alerts')).toContain(`id="alert-${alert.id}"`);
    // The staff member hears of the surge, not of the escalation of a case not theirs.
    const staff = visible(await page(c.staff, '/notifications?lang=en'));
    expect(staff).toContain('Surge alert');
    expect(staff).not.toContain('was escalated');
  });

  it('"mark all read" marks what the page showed; "unread only" then lists nothing', async () => {
    await f.app.actions.assign([itemId], f.users.staff!, f.users.supervisor2!);
    expect(await count(c.staff)).toBe(2);
    const html = await page(c.staff, '/notifications?unread=1');
    const before = /name="before" value="([^"]+)"/.exec(html)![1]!;
    const res = await c.staff.post('/notifications/read-all', { before });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/notifications?readAll=2');
    expect(visible(await page(c.staff, '/notifications?readAll=2&lang=en'))).toContain(
      '2 notifications were marked as read.',
    );
    expect(await count(c.staff)).toBe(0);
    const empty = visible(await page(c.staff, '/notifications?unread=1&lang=tr'));
    expect(empty).toContain('Okunmamış bildiriminiz yok.');
    expect(empty).not.toContain('Tümünü okundu olarak işaretle');
  });

  it('bad input gets a clear error in the page language and changes nothing', async () => {
    const bad = await c.supervisor2.request('/notifications?page=abc&lang=tr');
    expect(bad.status).toBe(400);
    expect(visible(await bad.text())).toContain('Sayfa numarası 1 ile 1000 arasında bir sayı olmalı.');
    const form = await c.supervisor2.post('/notifications/read-all', { before: 'dün' });
    expect(form.status).toBe(400);
    expect(visible(await form.text())).toContain('Form eksik ya da bozuk geldi');
    expect(await count(c.supervisor2)).toBe(2);
  });

  it('a long list is split into pages of 30, newest first', async () => {
    const { inserted } = await f.app.stores.items.insertMany(
      Array.from({ length: 35 }, (_, i) => ({
        kind: 'post' as const,
        idempotencyKey: `notif-page-${i}`,
        source: 'test',
        externalId: String(i),
        text: `Sayfa denemesi ${i}`,
        appType: null,
        subject: null,
        url: null,
        author: null,
        lang: 'tr',
        province: null,
        occurredAt: null,
        extra: {},
      })),
    );
    for (const i of inserted) await f.app.actions.assign([i.id], f.users.staff!, f.users.supervisor2!);
    const first = await page(c.staff, '/notifications?lang=en');
    expect(ids(first)).toHaveLength(30);
    expect(visible(first)).toContain('Page 1 of 2');
    const second = await page(c.staff, '/notifications?page=2&lang=en');
    expect(ids(second)).toHaveLength(39 - 30);
    expect(Number(ids(first).at(-1))).toBeGreaterThan(Number(ids(second)[0]));
    expect(second).toContain('href="/notifications?page=1"');
  });

  it('several items assigned at once make one notification that opens the queue of the assignee’s items', async () => {
    const two = (await f.app.search.search<{ id: string }>('items', { filter: ['kind = post'], limit: 2 }))
      .hits;
    await f.app.actions.assign(
      two.map((h) => h.id),
      f.users.supervisor2!,
      f.users.staff!,
    );
    const html = await page(c.supervisor2, '/notifications?lang=en');
    expect(visible(html)).toContain('Test staff assigned 2 items to you');
    const res = await c.supervisor2.request(`/notifications/${ids(html)[0]}/open`);
    expect(res.headers.get('location')).toBe('/queue?assignee=supervisor2%40test.local');
    // The queue reads the index, which follows the assignment through the outbox (the index stage).
    await expect
      .poll(
        async () =>
          (await page(c.supervisor2, res.headers.get('location')!)).match(/class="hit-link"/g)?.length,
        { timeout: 30_000 },
      )
      .toBe(2);
  });
});
