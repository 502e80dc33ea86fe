import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually, type Mode, servicesAvailable } from '../helpers/app.js';

const PROVINCES = [
  'İstanbul',
  'Ankara',
  'İzmir',
  'Hatay',
  'Kahramanmaraş',
  'Diyarbakır',
  'Iğdır',
  'Şanlıurfa',
];
const post = (i: number) => ({
  source: `kaynak-${i % 5}`,
  externalId: `e2e-${i}`,
  text: `Haber ${i}: ${PROVINCES[i % PROVINCES.length]} ilinde belediye su kesintisi duyurdu, izkod${i}x`,
  province: PROVINCES[i % PROVINCES.length],
  publishedAt: new Date(Date.UTC(2026, 10, 1, 0, i % 60)).toISOString(),
  kanal: 'ek-alan',
});

for (const mode of ['embedded', 'services'] as Mode[]) {
  describe(`pipeline end to end (${mode})`, () => {
    let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;
    let token = '';
    let available = true;

    beforeAll(async () => {
      if (mode === 'services') available = await servicesAvailable();
      if (!available) return;
      ctx = await createTestApp(mode);
      await ctx.app.startWorkers();
      token = (await ctx.app.stores.tokens.create({ name: 'e2e', scopes: ['ingest', 'read'] })).token;
    });
    afterAll(async () => {
      await ctx?.dispose();
    });

    const call = (path: string, init: RequestInit = {}) =>
      ctx!.app.web.request(path, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(init.headers ?? {}),
        },
      });
    const searchItems = async (qs: string) => {
      const res = await call(`/api/v1/items?${qs}`);
      expect(res.status).toBe(200);
      return (await res.json()) as {
        hits: Record<string, unknown>[];
        total: number;
        facets: Record<string, unknown>;
      };
    };

    it('takes 1,000 posts through the API to the index, counting repeats as duplicates', async (t) => {
      if (!available) return t.skip();
      const posts = Array.from({ length: 1000 }, (_, i) => post(i));
      let accepted = 0;
      for (let i = 0; i < posts.length; i += 250) {
        const chunk = posts.slice(i, i + 250);
        // Alternate JSON arrays and NDJSON bodies.
        const ndjson = (i / 250) % 2 === 1;
        const res = await call('/api/v1/posts', {
          method: 'POST',
          body: ndjson ? chunk.map((p) => JSON.stringify(p)).join('\n') : JSON.stringify(chunk),
          headers: ndjson ? { 'content-type': 'application/x-ndjson' } : {},
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
        expect(body.rejected).toEqual([]);
        accepted += body.accepted;
      }
      expect(accepted).toBe(1000);

      const again = await call('/api/v1/posts', {
        method: 'POST',
        body: JSON.stringify(posts.slice(0, 100)),
      });
      expect(await again.json()).toEqual({ accepted: 0, duplicates: 100, rejected: [] });
      // A repeat without an external id is recognised by its content hash.
      const noId = { source: 'elle', text: 'Kimliği olmayan aynı gönderi' };
      const first = await call('/api/v1/posts', { method: 'POST', body: JSON.stringify([noId, noId]) });
      expect(await first.json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });

      await eventually('all posts searchable', async () => (await searchItems('limit=0')).total === 1001);
      expect(await ctx!.app.stores.items.count()).toBe(1001);
      // The outbox stage is advanced right after the index write.
      await eventually('all items marked indexed', async () => {
        const s = await ctx!.app.stores.items.countByStage();
        return s.received === 0 && s.tagged === 0 && s.indexed === 1001;
      });

      for (const i of [0, 1, 137, 500, 998, 999]) {
        // A phrase query: exact words, no typo tolerance between neighbouring codes.
        const r = await searchItems(`q=${encodeURIComponent(`"izkod${i}x"`)}`);
        expect(r.hits.map((h) => h.id)).toHaveLength(1);
        expect(String(r.hits[0]!.text)).toContain(`izkod${i}x`);
      }
      // Turkish-aware: "istanbul" finds "İstanbul", "igdir" finds "Iğdır" only if folded by typo tolerance/locales.
      const ist = await searchItems('q=istanbul&limit=1');
      expect(ist.total).toBe(125);
      const byProvince = await searchItems(`filter=${encodeURIComponent('province = "Ankara"')}&limit=0`);
      expect(byProvince.total).toBe(125);
      expect(Object.keys(byProvince.facets)).toContain('province');
      expect(byProvince.facets.province).toEqual({ Ankara: 125 });
      // `facets` narrows the counts computed (none, or only the ones a client shows).
      const provinceFilter = `filter=${encodeURIComponent('province = "Ankara"')}&limit=0`;
      const noFacets = await searchItems(`${provinceFilter}&facets=none`);
      expect(noFacets).toMatchObject({ total: 125, facets: {} });
      expect((await searchItems(`${provinceFilter}&facets=`)).facets).toEqual({});
      const someFacets = await searchItems(`${provinceFilter}&facets=province,kind`);
      expect(Object.keys(someFacets.facets).sort()).toEqual(['kind', 'province']);
      expect(someFacets.facets.province).toEqual({ Ankara: 125 });
      const badFacet = await call(`/api/v1/items?facets=province,text`);
      expect(badFacet.status).toBe(400);
      expect(JSON.stringify(await badFacet.json())).toContain('unknown facet \\"text\\"');
      // Reasons come in Turkish and in English, in words.
      const rumour = { source: 'elle', text: 'Bu gece deprem olacakmış, silinmeden paylaşın izkodrisk' };
      expect((await call('/api/v1/posts', { method: 'POST', body: JSON.stringify([rumour]) })).status).toBe(
        200,
      );
      let withReasons: Record<string, unknown> = {};
      await eventually('the rumour searchable', async () => {
        withReasons = (await searchItems('q=izkodrisk')).hits[0] ?? {};
        return Array.isArray(withReasons.reasons);
      });
      expect((withReasons.reasons as string[]).join(' ')).toMatch(/Acil|Silinmeden/);
      expect((withReasons.reasonsEn as string[]).length).toBe((withReasons.reasons as string[]).length);
      expect((withReasons.reasonsEn as string[]).join(' ')).not.toMatch(/[ğışçöüİ]/);
    });

    it('keeps applicant identity out of the index and the API', async (t) => {
      if (!available) return t.skip();
      const secret = {
        name: 'Zeynepgizli Soyadgizli',
        tckn: '10000000146',
        phone: '+90 532 111 22 33',
        email: 'gizli.basvuran@example.org',
        address: 'Gizlisokak No 7, Çankaya',
      };
      const res = await call('/api/v1/applications', {
        method: 'POST',
        body: JSON.stringify([
          {
            type: 'sikayet',
            subject: 'Su kesintisi',
            text: 'Mahallemizde üç gündür su yok, basvurukodu77 ',
            province: 'Ankara',
            applicant: secret,
          },
          { type: 'yanlis', text: 'geçersiz tür' },
        ]),
      });
      const body = (await res.json()) as {
        accepted: number;
        rejected: { index: number; errors: { path: string }[] }[];
      };
      expect(body.accepted).toBe(1);
      expect(body.rejected).toHaveLength(1);
      expect(body.rejected[0]!.index).toBe(1);
      expect(body.rejected[0]!.errors[0]!.path).toBe('type');

      await eventually(
        'application searchable',
        async () => (await searchItems('q=basvurukodu77')).total === 1,
      );
      const hit = (await searchItems('q=basvurukodu77')).hits[0]!;
      expect(hit.kind).toBe('application');
      const serialised = JSON.stringify(hit);
      for (const v of Object.values(secret)) expect(serialised).not.toContain(v);
      for (const q of ['Zeynepgizli', 'Soyadgizli', '10000000146', 'gizli.basvuran', 'Gizlisokak']) {
        expect((await searchItems(`q=${encodeURIComponent(q)}`)).total).toBe(0);
      }
      // The identity is kept, apart from the text, in the system of record.
      const stored = await ctx!.app.stores.items.getApplicant(String(hit.id));
      expect(stored?.tckn).toBe(secret.tckn);
    });
  });
}

describe('index batches bounded by the characters of their texts (embedded)', () => {
  it('indexes long posts when an index batch holds only a few of them (INDEX_BATCH_CHARS)', async () => {
    // 9,000 characters a post against a 20,000-character batch: two posts to a batch at most.
    const ctx = await createTestApp('embedded', { INDEX_BATCH_CHARS: '20000' });
    try {
      await ctx.app.startWorkers();
      const { token } = await ctx.app.stores.tokens.create({ name: 'chars', scopes: ['ingest', 'read'] });
      const long = (i: number) => ({
        source: 'uzun',
        externalId: `uzun-${i}`,
        text: `Uzun gönderi uzunkod${i}x ${'Belediye açıklaması bekleniyor. '.repeat(280)}`.slice(0, 9000),
      });
      const res = await ctx.app.web.request('/api/v1/posts', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: 7 }, (_, i) => long(i))),
      });
      expect(await res.json()).toEqual({ accepted: 7, duplicates: 0, rejected: [] });
      await eventually('all long posts indexed', async () => {
        const s = await ctx.app.stores.items.countByStage();
        return s.indexed === 7;
      });
      for (let i = 0; i < 7; i++) {
        const r = await ctx.app.web.request(`/api/v1/items?q=${encodeURIComponent(`"uzunkod${i}x"`)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await r.json()) as { hits: { text: string }[] };
        expect(body.hits).toHaveLength(1);
        expect(body.hits[0]!.text).toBe(long(i).text.trim());
      }
    } finally {
      await ctx.dispose();
    }
  });
});
