import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocal } from '../../src/pipeline/publish-time.js';
import { eventually } from '../helpers/app.js';
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
};
const PERSONAL = {
  name: 'Zümrüt Karabıyıkoğlu',
  tckn: '10000000078',
  phone: '05559876543',
  email: 'zumrut.karabiyik@example.org',
  address: 'Gizli Sokak No 7, Çankaya',
};

let f: PortalFixture;
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
  await eventually(
    'secrets indexed',
    async () => (await f.app.search.search('items', { limit: 0 })).total >= 8,
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
    for (const x of [SECRET.post, SECRET.application])
      expect((await f.app.search.search('items', { q: x.slice(0, -3) })).total).toBeGreaterThan(0);
    const routes = expandRoutes([...ids, ...published], queries);
    expect(routes.length).toBeGreaterThan(80);
    const anon = client(f);
    const found: string[] = [];
    let ok = 0;
    for (const r of routes) {
      const res = await anon.request(r.path, { headers: { accept: r.accept } });
      expect(res.status, r.path).toBeLessThan(500);
      if (res.status === 200) ok++;
      const body = await res.text();
      for (const n of needles) if (body.includes(n)) found.push(`${r.path}: ${n}`);
    }
    expect(found).toEqual([]);
    expect(ok).toBeGreaterThan(20);
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
