import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { client, createUiFixture, type UiFixture } from './fixture.js';

let f: UiFixture;
beforeAll(async () => {
  f = await createUiFixture();
});
afterAll(() => f?.dispose());

const draft = {
  kind: 'public',
  title: 'Baraj patladı iddiası yanlış',
  claimReviewed: 'Baraj patladı, şehir sular altında kalacak',
  verdict: 'false',
  summary: 'DSİ barajın sağlam olduğunu açıkladı.',
  body: '# Ne oldu?\n\nBaraj **sağlam**. <script>alert(1)</script>',
  sources: 'https://example.org/dsi',
};

describe('review flow over HTTP', () => {
  it('verdict, draft, four-eyes approval, publish into the responses index; every version kept', async () => {
    const staff = client(f);
    const sup = client(f);
    const sup2 = client(f);
    await staff.login('staff');
    await sup.login('supervisor');
    await sup2.login('supervisor2');
    const { hits } = await f.app.search.search<{ id: string }>('items', {
      q: 'baraj patladı',
      filter: 'kind = "post"',
      limit: 1,
    });
    const itemId = hits[0]!.id;

    expect(
      (
        await staff.post(`/items/${itemId}/verdict`, {
          verdict: 'false',
          evidenceLinks: 'https://example.org/dsi',
          notes: 'DSİ',
          claimId: 'K1',
        })
      ).status,
    ).toBe(303);
    expect((await f.app.stores.items.get(itemId))?.status).toBe('verified');
    // A flagged item's verdict is confirmed by a supervisor before its response is published.
    const [recorded] = await f.app.stores.review.verdicts(itemId);
    await f.app.stores.review.confirmVerdict(recorded!.id, f.users.supervisor2!.id);

    const created = await sup.post('/drafts', { itemId, ...draft });
    expect(created.status).toBe(303);
    const rid = created.headers.get('location')!.split('/').pop()!;
    expect((await staff.post(`/drafts/${rid}`, { ...draft, summary: 'Düzeltilmiş özet.' })).status).toBe(303);
    expect((await sup.post(`/drafts/${rid}/submit`)).status).toBe(303);

    // The supervisor wrote version 1: approving is refused server-side, and the button is not offered.
    expect((await sup.post(`/drafts/${rid}/approve`)).status).toBe(403);
    const page = await (await sup.request(`/drafts/${rid}`)).text();
    expect(page).not.toContain(`/drafts/${rid}/approve`);
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain('<script>alert');

    expect((await sup2.post(`/drafts/${rid}/publish`)).status).toBe(409);
    expect((await sup2.post(`/drafts/${rid}/approve`)).status).toBe(303);
    expect((await sup2.post(`/drafts/${rid}/publish`)).status).toBe(303);
    const pub = await f.app.search.search<{ id: string; verdict: string; summary: string }>('responses', {
      q: 'baraj',
    });
    expect(pub.hits.map((h) => [h.id, h.verdict, h.summary])).toEqual([[rid, 'false', 'Düzeltilmiş özet.']]);
    expect((await f.app.stores.items.get(itemId))?.status).toBe('responded');
    const versions = await f.app.db.query<{ version: number }>(
      'SELECT version FROM response_versions WHERE response_id = $1 ORDER BY version',
      [rid],
    );
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2]);
    const audit = await f.app.stores.audit.list({ targetType: 'response', targetId: rid });
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'response.create',
      'response.edit',
      'response.submit',
      'response.approve',
      'response.publish',
    ]);
  });

  it('masks personal data; a supervisor can unmask and that is audited; staff cannot', async () => {
    const { hits } = await f.app.search.search<{ id: string }>('items', {
      filter: 'kind = "application"',
      limit: 1,
    });
    const id = hits[0]!.id;
    const staff = client(f);
    await staff.login('staff');
    const masked = await (await staff.request(`/items/${id}`)).text();
    expect(masked).not.toContain('05321234567');
    expect(masked).not.toContain('Ayşe');
    expect((await staff.post(`/items/${id}/unmask`)).status).toBe(403);
    const sup = client(f);
    await sup.login('supervisor');
    const open = await (await sup.post(`/items/${id}/unmask`)).text();
    expect(open).toContain('Ayşe Yılmaz');
    expect(open).toContain('05321234567');
    const log = await f.app.stores.audit.list({ action: 'item.unmask', targetId: id });
    expect(log.map((l) => l.actor)).toEqual(['supervisor@test.local']);
  });

  it('bulk actions run as background jobs with progress and reach the index', async () => {
    const staff = client(f);
    await staff.login('staff');
    const { hits } = await f.app.search.search<{ id: string }>('items', {
      filter: 'kind = "post"',
      limit: 2,
    });
    const res = await staff.post('/queue/bulk', {
      action: 'assign',
      assignee: f.users.staff!.id,
      ids: hits.map((h) => h.id),
    });
    expect(res.status).toBe(303);
    const job = res.headers.get('location')!;
    await eventually(
      'bulk job finished',
      async () => {
        const j = (await (await staff.request(`${job}?format=json`)).json()) as {
          state: string;
          done: number;
        };
        return j.state === 'finished' && j.done === 2;
      },
      30_000,
    );
    // The index follows through the outbox (the index stage), not inside the action.
    await eventually(
      'assignments indexed',
      async () =>
        (await f.app.search.search('items', { filter: `assignee = "staff@test.local"` })).total === 2,
    );
    const queue = await (await staff.request('/queue?assignee=staff%40test.local')).text();
    expect(queue).toContain('2 kayıt');
  });

  it('locks an account after repeated failures, rotates sessions and rejects forged forms', async () => {
    const c = client(f);
    for (let i = 0; i < 5; i++)
      expect([401, 429]).toContain((await c.login('journalist', 'wrong-password-123')).status);
    expect((await c.login('journalist')).status).toBe(429);
    const a = client(f);
    expect((await a.login('staff')).status).toBe(303);
    const first = a.cookie;
    expect((await a.login('staff')).status).toBe(303);
    expect(a.cookie).not.toBe(first);
    const old = await f.app.web.request('http://127.0.0.1/queue', {
      headers: { cookie: first },
      redirect: 'manual',
    });
    expect(old.status).toBe(302);
    const cross = await f.app.web.request('http://127.0.0.1/queue/saved', {
      method: 'POST',
      headers: {
        cookie: a.cookie,
        origin: 'http://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `_csrf=${await a.csrfOf()}&name=x&query=`,
    });
    expect(cross.status).toBe(403);
    expect(
      (
        await a.request('/queue/saved', {
          method: 'POST',
          body: new URLSearchParams({ name: 'x', query: '' }),
        })
      ).status,
    ).toBe(403);
  });
});

describe('tag labels', () => {
  it('item page, queue and dashboard show tag families by their label in the page language, never the code', async () => {
    const sup = client(f);
    await sup.login('supervisor');
    const { hits } = await f.app.search.search<{ id: string; tags: string[] }>('items', {
      q: 'silinmeden paylaşın',
      filter: 'kind = "post"',
      limit: 1,
    });
    expect(hits[0]?.tags).toContain('urgency');
    const id = hits[0]!.id;
    const tr = await (await sup.request(`/items/${id}?lang=tr`)).text();
    expect(tr).toContain('<th scope="row">Aciliyet / silinmeden paylaş</th>');
    const en = await (await sup.request(`/items/${id}?lang=en`)).text();
    expect(en).toContain('<th scope="row">Urgency / share before deleted</th>');
    for (const page of [tr, en]) expect(page).not.toMatch(/<th scope="row">urgency<\/th>/);
    const queue = await (await sup.request('/queue?lang=en')).text();
    expect(queue).toContain('Urgency / share before deleted');
    expect(queue).not.toMatch(/<li>urgency<\/li>/);
    const dash = await (await sup.request('/dashboard?lang=tr')).text();
    expect(dash).toContain('Aciliyet / silinmeden paylaş');
  });
});

describe('item titles', () => {
  it('name an item by its redacted text, source and day, never an id fragment or personal data', async () => {
    const { rows } = await f.app.db.query<{ id: string }>(
      `SELECT id FROM items WHERE source = 'haber-a' AND kind = 'post'`,
    );
    const id = rows[0]!.id;
    const staff = client(f);
    await staff.login('staff');
    const html = await (await staff.request(`/items/${id}?lang=tr`)).text();
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    expect(title).toMatch(
      /^“SON DAKİKA! Baraj patladı, şehir sular altında kalacak, silinmeden…” · haber-a · \d{1,2} \S+ \d{4} · Köprü$/,
    );
    expect(html).toContain(`<h1>${title.replace(' · Köprü', '')}</h1>`);
    expect(title).not.toContain(id.slice(-8));

    // An application without a subject: its title quotes the redacted text, even for a supervisor who unmasked it.
    await f.app.ingest.ingest('application', [
      {
        type: 'talep',
        text: 'Sokağımızdaki su kesintisi hakkında bilgi istiyorum, beni 05329876543 numarasından arayın.',
        applicant: { name: 'Mehmet Kaya', phone: '05329876543' },
      },
    ]);
    let app = '';
    await eventually('application tagged', async () => {
      const r = await f.app.db.query<{ id: string }>(
        `SELECT i.id FROM items i JOIN tag_results t ON t.item_id = i.id WHERE i.app_type = 'talep'`,
      );
      app = r.rows[0]?.id ?? '';
      return app !== '';
    });
    const sup = client(f);
    await sup.login('supervisor');
    const open = await (await sup.post(`/items/${app}/unmask`)).text();
    expect(open).toContain('05329876543');
    const appTitle = /<title>([^<]*)<\/title>/.exec(open)?.[1] ?? '';
    expect(appTitle).toMatch(/^“Sokağımızdaki su kesintisi hakkında bilgi istiyorum, beni \[[^\]]+\]/);
    expect(appTitle).not.toContain('05329876543');
    const kase = await (await sup.request(`/applications/${app}?lang=en`)).text();
    expect(/<title>([^<]*)<\/title>/.exec(kase)?.[1]).toMatch(/^Application: “Sokağımızdaki su kesintisi/);
  });
});
