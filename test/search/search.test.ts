import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, UnavailableError, ValidationError } from '../../src/domain/errors.js';
import type { PublishedResponse } from '../../src/domain/published-response.js';
import {
  createMeiliSearchIndex,
  createSearch,
  freePort,
  type ItemDocument,
  type MeiliSearchIndex,
  resolveMeiliBinary,
  startLocalMeili,
} from '../../src/search/index.js';
import { randomId, serviceAvailable } from '../helpers/env.js';
import { startTestMeili, type TestMeili } from '../helpers/meili.js';

const CONFIG_DIR = join(import.meta.dirname, '../../config');
const available = await serviceAvailable('meilisearch binary', () =>
  access(resolveMeiliBinary(process.env.MEILI_BIN)),
);

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
// Partial documents on purpose: the adapter must store whatever fields it is given.
const item = (id: string, text: string, extra: Record<string, unknown> = {}) =>
  ({
    id,
    kind: 'post',
    text,
    source: 'rss:haber',
    lang: 'tr',
    province: 'Ankara',
    provinces: ['Ankara'],
    tags: [],
    risk: 0.1,
    checkWorthiness: 0.2,
    flagged: false,
    status: 'new',
    stage: 'indexed',
    createdAt: epoch('2025-01-01T10:00:00Z'),
    createdAtIso: '2025-01-01T10:00:00Z',
    duplicateCount: 0,
    ...extra,
  }) as unknown as ItemDocument;

const ITEMS: ItemDocument[] = [
  item('i1', 'İstanbul’da deprem olacağı iddiası yayılıyor', {
    province: 'İstanbul',
    provinces: ['İstanbul'],
    tags: ['urgency', 'fear'],
    risk: 0.9,
    flagged: true,
  }),
  item('i2', 'İSTANBUL BOĞAZI KAPATILDI, HEMEN PAYLAŞIN', {
    province: 'İstanbul',
    tags: ['urgency'],
    risk: 0.7,
  }),
  item('i3', 'Ilık su içmek virüsü öldürür', { tags: ['health'], risk: 0.5, flagged: true }),
  item('i4', 'İlik suyu çorbası kampanyası başladı', { kind: 'application', appType: 'talep', risk: 0.05 }),
  item('i5', 'Çocuklara zorunlu aşı uygulaması hakkında iddia', {
    tags: ['health'],
    risk: 0.6,
    province: 'İzmir',
  }),
  item('i6', 'AFAD çadır kenti kuruldu', { risk: 0.2, province: 'Hatay' }),
  item('i7', 'Afet ve Acil Durum Yönetimi Başkanlığı açıklama yaptı', { risk: 0.3, province: 'Hatay' }),
];

const ids = (hits: Record<string, unknown>[]) => hits.map((h) => h.id).sort();

describe.skipIf(!available)('Meilisearch SearchIndex', () => {
  let meili: TestMeili;
  let index: MeiliSearchIndex;
  let admin: Meilisearch;

  beforeAll(async () => {
    meili = await startTestMeili();
    admin = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
    index = createMeiliSearchIndex({
      url: meili.url,
      apiKey: meili.masterKey,
      prefix: `${randomId('t')}_`,
      configDir: CONFIG_DIR,
    });
    await index.ensureIndexes();
    await index.ensureIndexes();
    await index.upsert('items', ITEMS);
  });

  afterAll(async () => {
    await index?.deleteIndexes();
    await meili?.stop();
  });

  it('applies the settings from config/meilisearch', async () => {
    const s = await admin.index(index.uid('items')).getSettings();
    expect(s.filterableAttributes).toEqual(
      expect.arrayContaining(['flagged', 'tags', 'province', 'risk', 'createdAt']),
    );
    expect(s.sortableAttributes).toEqual(expect.arrayContaining(['risk', 'createdAt']));
    expect(s.localizedAttributes?.[0]?.locales).toEqual(['tur']);
    // Meilisearch hands stop words back decomposed (NFD).
    const stop = s.stopWords?.map((w) => w.normalize('NFC'));
    expect(stop).toEqual(expect.arrayContaining(['ve', 'için', 'ile']));
    expect(stop).not.toContain('değil');
    expect(s.synonyms?.zelzele).toEqual(['deprem']);
    expect(s.pagination?.maxTotalHits).toBe(20000);
    const r = await admin.index(index.uid('responses')).getSettings();
    expect(r.displayedAttributes).not.toContain('*');
    expect(r.filterableAttributes).toEqual(expect.arrayContaining(['verdict', 'topics', 'publishedAt']));
  });

  it('folds Turkish dotted/dotless i and diacritics', async () => {
    for (const q of ['istanbul', 'İstanbul', 'ISTANBUL', 'İSTANBUL']) {
      expect(ids((await index.search('items', { q })).hits), q).toEqual(['i1', 'i2']);
    }
    // ASCII keyboards type "ilik" for "ılık": both forms find both words, so recall never depends on the keyboard.
    expect(ids((await index.search('items', { q: 'ılık' })).hits)).toEqual(['i3', 'i4']);
    expect(ids((await index.search('items', { q: 'ilik' })).hits)).toEqual(['i3', 'i4']);
    expect(ids((await index.search('items', { q: 'asi' })).hits)).toEqual(['i5']);
    expect(ids((await index.search('items', { q: 'bogazi kapatildi' })).hits)).toEqual(['i2']);
  });

  it('uses the Turkish synonyms', async () => {
    expect(ids((await index.search('items', { q: 'zelzele' })).hits)).toEqual(['i1']);
    expect(ids((await index.search('items', { q: 'afad' })).hits)).toEqual(['i6', 'i7']);
  });

  it('filters, facets and sorts', async () => {
    const flagged = await index.search('items', { filter: 'flagged = true', facets: ['tags', 'province'] });
    expect(ids(flagged.hits)).toEqual(['i1', 'i3']);
    expect(flagged.total).toBe(2);
    expect(flagged.facets.tags).toEqual({ urgency: 1, fear: 1, health: 1 });
    const urgent = await index.search('items', { filter: ['tags = "urgency"', 'province = "İstanbul"'] });
    expect(ids(urgent.hits)).toEqual(['i1', 'i2']);
    const orFilter = await index.search('items', { filter: [['kind = application', 'province = "İzmir"']] });
    expect(ids(orFilter.hits)).toEqual(['i4', 'i5']);
    const byRisk = await index.search<{ id: string }>('items', { sort: ['risk:desc'], limit: 3 });
    expect(byRisk.hits.map((h) => h.id)).toEqual(['i1', 'i2', 'i5']);
    expect(byRisk.total).toBe(ITEMS.length);
    const page2 = await index.search<{ id: string }>('items', { sort: ['risk:desc'], limit: 3, offset: 3 });
    expect(page2.hits.map((h) => h.id)).toEqual(['i3', 'i7', 'i6']);
    const facetsOnly = await index.search('items', { limit: 0, facets: ['province'] });
    expect(facetsOnly.hits).toEqual([]);
    expect(facetsOnly.facets.province).toMatchObject({ Ankara: 2, İstanbul: 2, Hatay: 2, İzmir: 1 });
  });

  it('highlights with <mark>', async () => {
    const res = await index.search<{ _formatted: { text: string } }>('items', {
      q: 'istanbul',
      highlight: ['text'],
    });
    expect(res.hits.map((h) => h._formatted.text)).toContain(
      '<mark>İstanbul</mark>’da deprem olacağı iddiası yayılıyor',
    );
  });

  it('rejects a bad filter as a ValidationError', async () => {
    await expect(index.search('items', { filter: 'nope = 1' })).rejects.toBeInstanceOf(ValidationError);
    await expect(index.search('items', { filter: 'risk >' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('upserts replace whole documents and remove deletes', async () => {
    await index.upsert('items', [item('tmp1', 'geçici kayıt', { assignee: 'ayse' })]);
    await index.upsert('items', [item('tmp1', 'geçici kayıt güncellendi')]);
    const res = await index.search<Record<string, unknown>>('items', { filter: 'id = tmp1' });
    expect(res.hits[0]?.text).toBe('geçici kayıt güncellendi');
    expect(res.hits[0]).not.toHaveProperty('assignee');
    await index.remove('items', ['tmp1']);
    expect((await index.search('items', { filter: 'id = tmp1' })).total).toBe(0);
  });

  it('splits a write into size-bounded tasks, in order, when the documents are large', async () => {
    const small = createMeiliSearchIndex({
      url: meili.url,
      apiKey: meili.masterKey,
      prefix: index.uid('items').slice(0, -'items'.length),
      configDir: CONFIG_DIR,
      maxWriteBytes: 4096,
    });
    const before = (await admin.tasks.getTasks({ indexUids: [index.uid('items')], limit: 1000 })).total;
    // 40 documents of about 1 KB each, and a later copy of the first one that must win.
    const docs = Array.from({ length: 40 }, (_, i) => item(`big${i}`, `uzun başvuru ${i} `.repeat(60)));
    await small.upsert('items', [...docs, item('big0', 'son hali')]);
    const after = (await admin.tasks.getTasks({ indexUids: [index.uid('items')], limit: 1000 })).total;
    expect(after! - before!).toBeGreaterThanOrEqual(10);
    const res = await index.search<Record<string, unknown>>('items', {
      filter: 'id IN [big0, big39]',
      limit: 5,
    });
    expect(Object.fromEntries(res.hits.map((h) => [h.id, String(h.text).slice(0, 14)]))).toEqual({
      big0: 'son hali',
      big39: 'uzun başvuru 3',
    });
    await index.remove('items', [...docs.map((d) => d.id)]);
  });

  it('rebuilds into a fresh index and swaps it in', async () => {
    const resp = (id: string, title: string) =>
      ({
        id,
        title,
        verdict: 'false',
        topics: ['sağlık'],
        publishedAt: 1,
      }) as unknown as PublishedResponse;
    await index.upsert('responses', [resp('old1', 'eski yanıt'), resp('old2', 'eski yanıt iki')]);
    async function* batches() {
      yield [resp('new1', 'yeni yanıt bir'), resp('new2', 'yeni yanıt iki')];
      yield [];
      yield [resp('new3', 'yeni yanıt üç'), resp('new1', 'yeni yanıt bir (son hali)')];
    }
    expect(await index.rebuild('responses', batches())).toBe(3);
    const all = await index.search<{ id: string; title: string }>('responses', {
      filter: 'verdict = false',
      limit: 10,
    });
    expect(ids(all.hits)).toEqual(['new1', 'new2', 'new3']);
    expect(all.hits.find((h) => h.id === 'new1')?.title).toBe('yeni yanıt bir (son hali)');
    const uids = (await admin.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(uids.filter((u) => u.includes('_rebuild_'))).toEqual([]);
  });

  it('keeps the live index when a rebuild fails', async () => {
    async function* bad() {
      yield [{ id: 'ok1', title: 'iyi' } as unknown as PublishedResponse];
      yield [{ id: 'not valid!', title: 'kötü' } as unknown as PublishedResponse];
    }
    await expect(index.rebuild('responses', bad())).rejects.toBeInstanceOf(AppError);
    expect((await index.search('responses', { limit: 0 })).total).toBe(3);
    const uids = (await admin.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(uids.filter((u) => u.includes('_rebuild_'))).toEqual([]);
  });

  it('rebuilds an index that does not exist yet', async () => {
    const other = createMeiliSearchIndex({
      url: meili.url,
      apiKey: meili.masterKey,
      prefix: `${randomId('r')}_`,
      configDir: CONFIG_DIR,
    });
    try {
      async function* one() {
        yield [{ id: 'a', title: 'tek', verdict: 'true' } as unknown as PublishedResponse];
      }
      expect(await other.rebuild('responses', one())).toBe(1);
      expect((await other.search('responses', { filter: 'verdict = true' })).total).toBe(1);
    } finally {
      await other.deleteIndexes();
    }
  });

  it('ping answers; an unreachable server is an UnavailableError, fast', async () => {
    await index.ping();
    const port = await freePort();
    const dead = createMeiliSearchIndex({
      url: `http://127.0.0.1:${port}`,
      prefix: 'x_',
      configDir: CONFIG_DIR,
    });
    const t0 = Date.now();
    await expect(dead.ping()).rejects.toBeInstanceOf(UnavailableError);
    await expect(dead.upsert('items', [item('z', 'z')])).rejects.toBeInstanceOf(UnavailableError);
    expect(Date.now() - t0).toBeLessThan(5000);
    const wrongKey = createMeiliSearchIndex({
      url: meili.url,
      apiKey: 'wrong-key-wrong-key',
      prefix: 'x_',
      configDir: CONFIG_DIR,
    });
    await expect(wrongKey.search('items', {})).rejects.toThrow(/API key rejected/);
  });
});

describe.skipIf(!available)('embedded Meilisearch process', () => {
  it('starts with a stored master key that begins with "-" (not read as a flag)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kopru-meili-dash-'));
    try {
      await mkdir(join(dataDir, 'meili'), { recursive: true });
      await writeFile(join(dataDir, 'meili', 'master.key'), '-9dashed-key-0123456789abcdef', { mode: 0o600 });
      const meili = await startLocalMeili({ dataDir });
      try {
        expect(meili.masterKey).toBe('-9dashed-key-0123456789abcdef');
        const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
        expect((await client.health()).status).toBe('available');
      } finally {
        await meili.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps its master key and data across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kopru-meili-embedded-'));
    const cfg = { dataDir, prefix: 'kopru_', configDir: CONFIG_DIR };
    try {
      const first = await createSearch(cfg);
      const keyFile = join(dataDir, 'meili', 'master.key');
      const key = (await readFile(keyFile, 'utf8')).trim();
      expect(key.length).toBeGreaterThanOrEqual(32);
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      try {
        await first.index.ensureIndexes();
        await first.index.upsert('items', [item('p1', 'kalıcı kayıt')]);
      } finally {
        await first.stop();
      }
      await expect(first.index.ping()).rejects.toBeInstanceOf(UnavailableError);

      const second = await createSearch(cfg);
      try {
        expect((await readFile(keyFile, 'utf8')).trim()).toBe(key);
        expect(ids((await second.index.search('items', { q: 'kalici' })).hits)).toEqual(['p1']);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
