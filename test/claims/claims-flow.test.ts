import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { client, confirmedVerdict, createUiFixture, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
let staff: ReturnType<typeof client>;
let sup: ReturnType<typeof client>;
let sup2: ReturnType<typeof client>;
const claimOf = (res: Response) =>
  decodeURIComponent(res.headers.get('location')!.split('/').pop()!.split('?')[0]!);

const DAM = 'Baraj çöktü, kent sular altında kalacak';
const CHIP = 'Aşı ile çocuklara çip takılıyor';

beforeAll(async () => {
  f = await createUiFixture();
  staff = client(f);
  sup = client(f);
  sup2 = client(f);
  await staff.login('staff');
  await sup.login('supervisor');
  await sup2.login('supervisor2');
});
afterAll(() => f?.dispose());

/** Ingests one record with a random marker word (far from the others, despite typo tolerance) and waits until it is indexed. */
async function ingested(kind: 'post' | 'application', record: Record<string, string>) {
  const marker = Array.from(randomBytes(12), (b) => String.fromCharCode(97 + (b % 26))).join('');
  await f.app.ingest.ingest(kind, [{ ...record, text: `${record.text} ${marker}` }]);
  let id = '';
  await eventually('indexed', async () => {
    id = (await f.app.search.search<{ id: string }>('items', { q: marker, limit: 1 })).hits[0]?.id ?? '';
    return id !== '';
  });
  return (await f.app.stores.items.get(id))!;
}
const tagged = (text: string) => ingested('post', { source: 'x', text, province: 'İzmir' });

describe('claims over HTTP', () => {
  let dam = '';
  let chip = '';
  let items: string[] = [];

  it('staff create claims; the matcher picks them up and suggests them on the item page', async () => {
    const a = await staff.post('/claims', {
      text: DAM,
      verdict: 'false',
      topic: 'afet',
      aliases: 'baraj yıkıldı',
    });
    expect(a.status).toBe(303);
    dam = claimOf(a);
    chip = claimOf(await staff.post('/claims', { text: CHIP, verdict: 'false', topic: 'sağlık' }));
    // The matcher reloads within a second of a change in this process.
    await new Promise((r) => setTimeout(r, 1500));
    const one = await tagged(`SON DAKİKA ${DAM}!`);
    // The post states the claim word for word: a confident match, linked automatically.
    expect(one.tagResult!.matches[0]).toMatchObject({ claimId: dam, confident: true });
    expect(await f.app.stores.claimLinks.forItem(one.id)).toMatchObject([
      { claimId: dam, kind: 'automatic' },
    ]);
    expect((await f.app.stores.claims.appearances(dam)).map((a) => [a.itemId, a.kind])).toEqual([
      [one.id, 'automatic'],
    ]);
    items = [one.id];
    const page = await (await staff.request(`/items/${one.id}`)).text();
    expect(page).toContain(`/items/${one.id}/claims/${dam}/confirm`);
    expect(page).toContain(DAM);
  });

  it('a rejected suggestion never comes back; a confirmed one becomes an example of the claim', async () => {
    const id = items[0]!;
    // Rejecting the automatic link undoes it.
    expect((await staff.post(`/items/${id}/claims/${dam}/reject`)).status).toBe(303);
    expect(await f.app.stores.claimLinks.forItem(id)).toMatchObject([{ claimId: dam, kind: 'rejected' }]);
    let page = await (await staff.request(`/items/${id}`)).text();
    expect(page).not.toContain(`/items/${id}/claims/${dam}/confirm`);
    expect((await f.app.stores.claims.counts(dam)).total).toBe(0);
    // Confirming it later is still possible through the claim's own link; here it stays rejected.
    const two = await tagged(`Duydunuz mu? ${DAM}`);
    items.push(two.id);
    expect((await staff.post(`/items/${two.id}/claims/${dam}/confirm`)).status).toBe(303);
    page = await (await staff.request(`/items/${two.id}`)).text();
    expect(page).not.toContain(`/items/${two.id}/claims/${dam}/confirm`);
    const matcher = await f.app.stores.claims.forMatcher();
    expect(matcher.find((c) => c.id === dam)?.examples).toHaveLength(1);
    const audit = await f.app.stores.audit.list({ targetType: 'item', targetId: id });
    expect(audit.map((e) => e.action)).toContain('claim.reject');
  });

  it('creates a claim from an item and its cluster, and merges two claims (old id redirects)', async () => {
    const res = await staff.post('/claims', {
      text: 'Barajda çatlak var',
      fromItem: items[1]!,
      cluster: 'on',
    });
    expect(res.status).toBe(303);
    const made = claimOf(res);
    expect((await f.app.stores.claimLinks.forItem(items[1]!)).map((l) => [l.claimId, l.kind])).toContainEqual(
      [made, 'confirmed'],
    );
    expect((await staff.post(`/claims/${dam}/merge`, { from: made })).status).toBe(303);
    const old = await staff.request(`/claims/${made}`);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toContain(`/claims/${dam}`);
    const page = await (await staff.request(`/claims/${dam}?lang=en`)).text();
    expect(page).toContain('Appearances per day');
    expect(page).toContain('Barajda çatlak var');
    const audit = await f.app.stores.audit.list({ targetType: 'claim', targetId: dam });
    expect(audit.map((e) => e.action)).toContain('claim.merge');
    const list = await (await staff.request('/claims?sort=total')).text();
    expect(list).toContain(DAM);
    expect(list).not.toContain(`/claims/${made}"`);
  });

  it('confirms a claim for a whole near-duplicate cluster as a bulk job with progress, audited', async () => {
    const text = `Dikkat! ${DAM}, valilik açıklama yapmadı, herkes tahliye için hazırlansın, paylaşın lütfen`;
    const first = await tagged(text);
    const second = await tagged(text);
    expect(second.tagResult!.clusterKey).toBe(first.tagResult!.clusterKey);
    const res = await staff.post(`/items/${first.id}/claims/${dam}/confirm`, { cluster: 'on' });
    const job = res.headers.get('location')!;
    expect(job).toMatch(/^\/jobs\//);
    await eventually('job finished', async () => {
      const j = (await (await staff.request(`${job}?format=json`)).json()) as { state: string };
      return j.state === 'finished';
    });
    expect((await f.app.stores.claimLinks.forItem(second.id)).map((l) => [l.claimId, l.kind])).toEqual([
      [dam, 'confirmed'],
    ]);
    const audit = await f.app.stores.audit.list({ targetType: 'item', targetId: second.id });
    expect(audit.find((e) => e.action === 'claim.confirm')?.details).toMatchObject({ claimId: dam });
  });

  it('closes an item as answered by an existing response; an application gets a reply draft', async () => {
    const itemId = items[1]!;
    const draft = {
      itemId,
      kind: 'public',
      title: 'Baraj iddiası yanlış',
      claimReviewed: DAM,
      verdict: 'false',
      summary: 'Baraj sağlam.',
      body: 'Baraj sağlam.',
      sources: 'https://example.org/dsi',
    };
    await confirmedVerdict(f, itemId);
    const rid = (await staff.post('/drafts', draft)).headers.get('location')!.split('/').pop()!;
    expect((await staff.post(`/drafts/${rid}/submit`)).status).toBe(303);
    expect((await sup.post(`/drafts/${rid}/approve`)).status).toBe(303);
    expect((await sup2.post(`/drafts/${rid}/publish`)).status).toBe(303);

    const three = await tagged(`Herkes yazıyor: ${DAM}`);
    expect((await staff.post(`/items/${three.id}/claims/${dam}/confirm`)).status).toBe(303);
    const page = await (await staff.request(`/items/${three.id}`)).text();
    expect(page).toContain(`/items/${three.id}/answered`);
    expect((await staff.post(`/items/${three.id}/answered`, { claimId: dam })).status).toBe(303);
    expect((await f.app.stores.items.get(three.id))?.status).toBe('responded');
    expect(await (await staff.request(`/items/${three.id}`)).text()).toContain('Baraj iddiası yanlış');
    // Queue rows say so too: closed with the response, or answerable with it.
    const closedRow = await (
      await staff.request(`/queue/results?q=${encodeURIComponent('Herkes yazıyor')}`)
    ).text();
    expect(closedRow).toContain('Mevcut yanıtla kapatıldı');
    const openRow = await (
      await staff.request(`/queue/results?q=${encodeURIComponent('Duydunuz mu')}`)
    ).text();
    expect(openRow).toContain('Zaten yanıtlandı');

    const appId = (
      await ingested('application', { type: 'talep', subject: 'Baraj', text: `Doğru mu: ${DAM}` })
    ).id;
    await staff.post(`/items/${appId}/claims/${dam}/confirm`);
    const res = await staff.post(`/items/${appId}/answered`, { claimId: dam });
    expect(res.headers.get('location')).toMatch(/^\/drafts\//);
    const reply = await f.app.stores.responses.get(res.headers.get('location')!.split('/').pop()!);
    expect(reply).toMatchObject({ kind: 'reply', state: 'draft', itemId: appId });
    expect(
      (await f.app.stores.audit.list({ targetType: 'item', targetId: appId! })).map((e) => e.action),
    ).toContain('item.answered');
  });

  it('serves GET /api/v1/claims and /api/v1/claims/:id to a read token', async () => {
    const { token } = await f.app.stores.tokens.create({ name: 't', scopes: ['read'] });
    const h = { authorization: `Bearer ${token}` };
    const list = (await (await f.app.web.request('/api/v1/claims?sort=total', { headers: h })).json()) as {
      claims: { id: string; total: number }[];
    };
    const totals = list.claims.map((c) => c.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(list.claims.find((c) => c.id === dam)?.total).toBeGreaterThanOrEqual(3);
    expect(list.claims.map((c) => c.id)).toContain(chip);
    const one = (await (await f.app.web.request(`/api/v1/claims/${dam}`, { headers: h })).json()) as {
      byDay: unknown[];
      byChannel: { channel: string; n: number }[];
      byProvince: { province: string | null }[];
      response: { title: string } | null;
    };
    expect(one.byChannel.map((c) => c.channel)).toContain('x');
    expect(one.byDay.length).toBeGreaterThan(0);
    expect(one.response?.title).toBe('Baraj iddiası yanlış');
    expect((await f.app.web.request('/api/v1/claims')).status).toBe(401);
    const doc = (await (await f.app.web.request('/api/v1/openapi.json')).json()) as { paths: object };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/claims', '/api/v1/claims/{id}']));
  });
});
