import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFeedToken, newFeedToken } from '../../src/features/follows/personal-feed.js';
import { formatLocal } from '../../src/pipeline/publish-time.js';
import { createFollowStore } from '../../src/store/follow-store.js';
import { eventually } from '../helpers/app.js';
import { applicationForm, browserClient } from '../intake/intake-fixture.js';
import { client } from '../web/fixture.js';
import { approvedResponse, createPortalFixture, type PortalFixture } from './helpers.js';
import { expandRoutes } from './public-routes.js';

// Unique strings that exist only in unpublished data; none may come back from a public route.
const SECRET = {
  post: 'GIZLIPOSTZX91',
  application: 'GIZLIBASVURUQK27',
  draft: 'GIZLITASLAKMW53',
  submitted: 'GIZLIONAYBEKLERJD18',
  approved: 'GIZLIONAYLIVB64',
  embargoed: 'GIZLIAMBARGOHF35',
  reply: 'GIZLIYANITTN72',
  revision: 'GIZLIDUZELTMEPL49',
  intake: 'GIZLIFORMBASVURUYR83',
};
const PERSONAL = {
  name: 'Zümrüt Karabıyıkoğlu',
  tckn: '10000000078',
  phone: '05559876543',
  email: 'zumrut.karabiyik@example.org',
  address: 'Gizli Sokak No 7, Çankaya',
};

const FORM_PERSONAL = {
  name: 'Nilüfer Gizlioğlu',
  email: 'nilufer.gizlioglu@example.org',
  phone: '05443217788',
  address: 'Saklı Bahçe Sokak 3, Konak',
};

let f: PortalFixture;
let trackingCode = '';
let feedToken = '';
const ids: string[] = [];
const published: string[] = [];

beforeAll(async () => {
  f = await createPortalFixture();
  await f.app.ingest.ingest('post', [
    { source: 'gizli-kaynak', text: `Yayımlanmamış gönderi ${SECRET.post} baraj` },
  ]);
  await f.app.ingest.ingest('application', [
    {
      type: 'ihbar',
      subject: `Konu ${SECRET.application}`,
      text: `Başvuru ${SECRET.application} baraj patladı, beni arayın ${PERSONAL.phone}`,
      province: 'Ankara',
      applicant: PERSONAL,
    },
  ]);
  // An application through the public form, with a tracking code for the status lookup.
  const citizen = browserClient(f as never, '192.0.2.10');
  const { intake } = await citizen.tokens('/basvuru');
  const done = await citizen.request('/basvuru', {
    method: 'POST',
    body: applicationForm(intake, {
      subject: `Konu ${SECRET.intake}`,
      text: `Form başvurusu ${SECRET.intake}: parktaki lambalar yanmıyor, ${FORM_PERSONAL.phone} numarasından arayın.`,
      tckn: undefined,
      province: 'İzmir',
      ...FORM_PERSONAL,
    }),
  });
  expect(done.status).toBe(200);
  trackingCode = /KPR(?:-[0-9A-Z]{4}){3}/.exec(await done.text())?.[0] ?? '';
  expect(trackingCode).not.toBe('');
  // A journalist following every province and topic, with a personal feed.
  feedToken = newFeedToken();
  const follows = createFollowStore(f.app.db);
  const provinces = (
    await f.app.db.query<{ province: string }>(
      `SELECT DISTINCT province FROM items WHERE province IS NOT NULL`,
    )
  ).rows.map((r) => r.province);
  await follows.setFollows(f.users.journalist!.id, ['dezenformasyon', 'baraj', 'sağlık'], provinces);
  await follows.setFeedTokenHash(f.users.journalist!.id, hashFeedToken(feedToken));
  await eventually(
    'secrets indexed',
    async () => (await f.app.search.search('items', { limit: 0 })).total >= 9,
  );
  const { rows } = await f.app.db.query<{ id: string }>(
    `SELECT id FROM items WHERE kind = 'application' AND text LIKE $1`,
    [`%${SECRET.application}%`],
  );
  const appItem = rows[0]!.id;
  const text = (s: string) => ({
    title: `Başlık ${s}`,
    summary: `Özet ${s}`,
    body: `Metin ${s}`,
    claimReviewed: `İddia ${s}`,
  });

  // A published response (so the public routes have something to show) and its unpublished revision.
  const pub = await approvedResponse(f, { title: 'Yayımlanan yanıt' });
  expect((await f.sup.post(`/drafts/${pub}/publish`)).status).toBe(303);
  published.push(pub);
  expect(
    (
      await f.staff.post(`/drafts/${pub}`, {
        expected: 'published',
        ...text(SECRET.revision),
        verdict: 'false',
        sources: '',
        lang: 'tr',
      })
    ).status,
  ).toBe(303);

  const draft = await f.staff.post('/drafts', {
    itemId: appItem,
    kind: 'public',
    verdict: 'false',
    sources: '',
    ...text(SECRET.draft),
  });
  ids.push(draft.headers.get('location')!.split('/').pop()!);
  const submitted = await f.staff.post('/drafts', {
    itemId: appItem,
    kind: 'public',
    verdict: 'false',
    sources: '',
    ...text(SECRET.submitted),
  });
  const submittedId = submitted.headers.get('location')!.split('/').pop()!;
  expect((await f.staff.post(`/drafts/${submittedId}/submit`)).status).toBe(303);
  ids.push(submittedId);
  ids.push(await approvedResponse(f, text(SECRET.approved), { itemId: appItem }));
  const embargoed = await approvedResponse(f, text(SECRET.embargoed));
  const later = formatLocal(new Date(Date.now() + 7 * 86_400_000)).replace(' ', 'T');
  expect((await f.sup.post(`/drafts/${embargoed}/publish`, { publishAt: later })).status).toBe(303);
  ids.push(embargoed);
  const reply = await approvedResponse(f, text(SECRET.reply), { itemId: appItem, kind: 'reply' });
  expect((await f.sup.post(`/drafts/${reply}/publish`)).status).toBe(303);
  ids.push(reply);
  ids.push(appItem);
});
afterAll(() => f?.dispose());

describe('nothing unpublished leaks through a public route', () => {
  it('no public route returns a secret or personal data', async () => {
    const needles = [
      ...Object.values(SECRET),
      ...Object.values(PERSONAL),
      ...Object.values(FORM_PERSONAL),
      'Ayşe Yılmaz',
      '10000000146',
      '05321234567',
    ];
    // Searched by prefix (Meilisearch completes the last word), so a full secret in an answer
    // can only come from stored data, never from the query echoed back in the search box or feed link.
    const queries = [
      ...Object.values(SECRET).map((x) => x.slice(0, -3)),
      'Zümrüt',
      PERSONAL.tckn.slice(0, 8),
      PERSONAL.phone.slice(0, 7),
      'baraj',
      'başvuru',
    ];
    // Control: the secrets are stored and searchable internally, so their absence below means something.
    for (const x of [SECRET.post, SECRET.application, SECRET.intake])
      expect((await f.app.search.search('items', { q: x.slice(0, -3) })).total).toBeGreaterThan(0);
    const routes = expandRoutes([...ids, ...published], queries, feedToken);
    expect(routes.length).toBeGreaterThan(80);
    const anon = client(f);
    const found: string[] = [];
    let ok = 0;
    for (const r of routes) {
      const res = await anon.request(r.path, { headers: { accept: r.accept } });
      expect(res.status, r.path).toBeLessThan(500);
      if (r.path.startsWith('/feeds/personal/')) expect(res.status, r.path).toBe(200);
      if (res.status === 200) ok++;
      const body = await res.text();
      for (const n of needles) if (body.includes(n)) found.push(`${r.path}: ${n}`);
    }
    // The citizen's own status lookup by tracking code: status and deadline only.
    const citizen = browserClient(f as never, '192.0.2.11');
    const { intake } = await citizen.tokens('/basvuru/durum');
    const lookup = await citizen.request('/basvuru/durum', {
      method: 'POST',
      body: new URLSearchParams({ _intake: intake, code: trackingCode }),
    });
    expect(lookup.status).toBe(200);
    const status = await lookup.text();
    expect(status).toContain(trackingCode);
    for (const n of needles) if (status.includes(n)) found.push(`POST /basvuru/durum: ${n}`);
    expect(found).toEqual([]);
    expect(ok).toBeGreaterThan(20);
  });

  it('staff exports (search and claim appearances) carry no unredacted personal data', async () => {
    const personal = [...Object.values(PERSONAL), ...Object.values(FORM_PERSONAL)];
    const claims = (await f.app.stores.claims.list()).map((c) => c.id);
    const paths = [
      '/api/v1/exports/items.csv',
      '/api/v1/exports/items.json',
      `/api/v1/exports/items.json?filter=${encodeURIComponent('kind = application')}`,
      ...claims
        .slice(0, 20)
        .flatMap((id) => [
          `/api/v1/exports/claims/${id}/appearances.csv`,
          `/api/v1/exports/claims/${id}/appearances.json`,
        ]),
    ];
    const found: string[] = [];
    let rows = 0;
    for (const path of paths) {
      const res = await f.staff.request(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      if (path.endsWith('items.json')) rows += (JSON.parse(body) as { rows: unknown[] }).rows.length;
      for (const n of personal) if (body.includes(n)) found.push(`${path}: ${n}`);
    }
    // Control: the applications with personal data are in the exports (redacted), so the check means something.
    expect(rows).toBeGreaterThan(2);
    const apps = await (await f.staff.request(paths[2]!)).text();
    expect(apps).toContain(SECRET.application);
    expect(apps).toContain(SECRET.intake);
    expect(found).toEqual([]);
  });

  it('staff pages, exports, API and notifications show an application subject redacted until an audited unmask', async () => {
    // Personal data in the subject and the text, none of it in the applicant record, so only redaction hides it.
    const pii = { tckn: '38472910510', phone: '05327654321', email: 'konu.sahibi@example.org' };
    const marker = 'KONUQX58';
    await f.app.ingest.ingest('application', [
      {
        type: 'sikayet',
        subject: `${marker} TC ${pii.tckn} tel ${pii.phone} e-posta ${pii.email}`,
        text: `Başvuru ${marker}: su faturam yanlış, kimlik ${pii.tckn}, telefon ${pii.phone}, e-posta ${pii.email}.`,
        province: 'Ankara',
        applicant: { name: 'Konu Sahibi' },
      },
    ]);
    await eventually(
      'subject application indexed',
      async () => (await f.app.search.search('items', { q: marker })).total === 1,
    );
    const { rows } = await f.app.db.query<{ id: string }>('SELECT id FROM items WHERE text LIKE $1', [
      `%${marker}%`,
    ]);
    const id = rows[0]!.id;
    // Its deadline at risk, so the dashboard lists it; assigned to the staff user, who is notified.
    await f.app.db.query(
      `UPDATE application_cases SET risk_at = now() - interval '1 day' WHERE item_id = $1`,
      [id],
    );
    expect((await f.sup.post(`/items/${id}/assign`, { assignee: f.users.staff!.id })).status).toBe(303);
    const q = encodeURIComponent(marker.slice(0, -2));
    const common = [
      `/items/${id}`,
      `/applications/${id}`,
      '/applications',
      '/applications?state=all&sort=received&dir=desc',
      '/queue',
      `/queue?q=${q}`,
      `/queue/results?q=${q}`,
      `/api/v1/items?q=${q}`,
      '/api/v1/exports/items.csv',
      '/api/v1/exports/items.json',
      `/drafts/new?item=${id}`,
      `/drafts/new?item=${id}&kind=reply`,
      '/alerts',
      '/digest',
    ];
    const pages: [ReturnType<typeof client>, string[]][] = [
      [f.staff, [...common, '/notifications']],
      [f.sup, [...common, '/dashboard', '/sla', '/sla.csv', '/audit', `/intake/items/${id}/attachments`]],
    ];
    const found: string[] = [];
    const shown = new Set<string>();
    for (const [who, paths] of pages) {
      for (const path of paths) {
        const res = await who.request(path, {
          headers: { accept: path.startsWith('/api/') ? 'application/json' : 'text/html' },
        });
        expect(res.status, path).toBe(200);
        const body = await res.text();
        if (body.includes(marker)) shown.add(path);
        for (const n of Object.values(pii)) if (body.includes(n)) found.push(`${path}: ${n}`);
      }
    }
    // Control: the subject (redacted) is on these pages, so its personal data's absence means something.
    for (const path of [
      `/items/${id}`,
      `/applications/${id}`,
      '/applications',
      '/notifications',
      '/dashboard',
      `/queue?q=${q}`,
      '/api/v1/exports/items.json',
    ])
      expect(shown, path).toContain(path);
    expect(found).toEqual([]);
    // An audited unmask (supervisor) still shows the original subject and text.
    const unmasked = await (await f.sup.post(`/items/${id}/unmask`)).text();
    expect(unmasked).toContain(pii.tckn);
    expect(unmasked).toContain(pii.email);
  });

  it('unpublished ids answer exactly like unknown ones', async () => {
    const anon = client(f);
    const unknown = await anon.request('/responses/01900000-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const reference = (await unknown.text()).replace(/01900000-0000-7000-8000-000000000000/g, 'ID');
    for (const id of ids) {
      const res = await anon.request(`/responses/${id}`);
      expect(res.status).toBe(404);
      expect((await res.text()).replaceAll(id, 'ID')).toBe(reference);
      const api = await anon.request(`/api/v1/responses/${id}`, { headers: { accept: 'application/json' } });
      expect(api.status).toBe(404);
    }
  });

  it('the published response still shows its published version, not the pending revision', async () => {
    const html = await (await client(f).request(`/responses/${published[0]}`)).text();
    expect(html).toContain('Yayımlanan yanıt');
    expect(html).not.toContain(SECRET.revision);
  });
});
