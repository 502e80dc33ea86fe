import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/index.js';
import { type DbKind, freshDb, ingestOver } from './harness.js';

const posts = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    source: 'zehir',
    text: `${tag} kayıt ${i}`,
    externalId: `${tag}-${i}`,
  }));

/** Records PostgreSQL cannot store; validation must reject each of them by index. */
const poison: [string, Record<string, unknown>][] = [
  ['a NUL byte in the text', { text: 'metin\u0000sonu' }],
  ['a NUL byte in an extra field', { note: 'a\u0000b' }],
  ['a NUL byte in a field name', { 'ad\u0000': 'x' }],
  ['a lone surrogate', { text: 'yarım \ud800 vekil' }],
  ['a lone low surrogate in an extra field', { meta: { x: ['\udc00'] } }],
  ['year 0000', { publishedAt: '0000-01-01' }],
  ['a date pushed before year 1 by its offset', { publishedAt: '0001-01-01T00:30:00+01:00' }],
  ['a __proto__ field name in an extra field', JSON.parse('{"meta":{"__proto__":{"polluted":1}}}')],
  ['a constructor field name', { constructor: { prototype: { polluted: 1 } } }],
  ['JSON nested 2,000 deep', { deep: JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`) }],
];

for (const kind of ['pglite', 'postgres'] as DbKind[]) {
  describe(`ingest on ${kind}: a bad record is rejected alone, a request is stored whole or not at all`, () => {
    let env: { db: Database; dispose: () => Promise<void> } | null = null;
    let h: ReturnType<typeof ingestOver>;
    beforeAll(async () => {
      env = await freshDb(kind);
      if (env) h = ingestOver(env.db);
    });
    afterAll(() => env?.dispose());

    it('a NUL at #1,200 of 1,500 rejects that record only, by index, and stores the other 1,499', async (t) => {
      if (!env) return t.skip();
      const before = await h.counts();
      const recs: Record<string, unknown>[] = posts(1500, 'nul');
      recs[1200] = { ...recs[1200], text: 'kötü \u0000 karakter' };
      const r = await h.ingest.ingest('post', recs);
      expect(r.accepted).toBe(1499);
      expect(r.rejected.map((x) => x.index)).toEqual([1200]);
      expect(r.rejected[0]!.errors[0]!.path).toBe('text');
      expect(r.rejected[0]!.errors[0]!.message).toMatch(/NUL/);
      expect((await h.counts()).items - before.items).toBe(1499);
    });

    for (const [what, bad] of poison) {
      it(`rejects ${what} by index and keeps its neighbours`, async (t) => {
        if (!env) return t.skip();
        const before = await h.counts();
        const tag = `p${Math.random().toString(36).slice(2, 8)}`;
        const recs: Record<string, unknown>[] = posts(3, tag);
        recs[1] = { ...recs[1], ...bad };
        const r = await h.ingest.ingest('post', recs);
        expect(r.rejected.map((x) => x.index)).toEqual([1]);
        expect(r.rejected[0]!.errors.length).toBeGreaterThan(0);
        expect(r.accepted).toBe(2);
        expect((await h.counts()).items - before.items).toBe(2);
      });
    }

    it('stores a valid record whose idempotency key is beyond the index row limit, once', async (t) => {
      if (!env) return t.skip();
      // 700 different four-byte characters: the key does not compress below the btree limit.
      const wide = (n: number, base: number) =>
        Array.from({ length: n }, (_, i) => String.fromCodePoint(base + ((i * 7919) % 4000))).join('');
      const rec = { source: wide(200, 0x1f000), text: 'uzun anahtar', externalId: wide(500, 0x20000) };
      const first = await h.ingest.ingest('post', [rec]);
      expect(first).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      const again = await h.ingest.ingest('post', [rec]);
      expect(again).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    });

    it('rejects a poisoned application (NUL in the applicant) and stores no applicant or case for it', async (t) => {
      if (!env) return t.skip();
      const before = await h.counts();
      const r = await h.ingest.ingest('application', [
        { type: 'sikayet', text: 'geçerli başvuru metni', applicant: { name: 'Ayşe Yılmaz' } },
        { type: 'talep', text: 'zehirli başvuru', applicant: { name: 'Ali\u0000' } },
      ]);
      expect(r.accepted).toBe(1);
      expect(r.rejected.map((x) => [x.index, x.errors[0]!.path])).toEqual([[1, 'applicant.name']]);
      const after = await h.counts();
      expect([
        after.items - before.items,
        after.applicants - before.applicants,
        after.cases - before.cases,
      ]).toEqual([1, 1, 1]);
    });

    it('a record the database still refuses after validation is isolated and rejected alone', async (t) => {
      if (!env) return t.skip();
      const db = env.db;
      // Stands in for a value validation does not know about: the database refuses any row holding it.
      const refusing: Database = {
        ...db,
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              ...tx,
              query: async (text, params) => {
                if (/INSERT INTO items/.test(text) && JSON.stringify(params).includes('REDDEDİLİR'))
                  throw Object.assign(new Error('invalid byte sequence (simulated)'), { code: '22021' });
                return tx.query(text, params);
              },
            }),
          ),
      };
      const f = ingestOver(refusing);
      const before = await h.counts();
      const recs: Record<string, unknown>[] = posts(2100, 'isolate');
      recs[1500] = { ...recs[1500], text: 'REDDEDİLİR kayıt' };
      const r = await f.ingest.ingest('post', recs);
      expect(r.accepted).toBe(2099);
      expect(r.rejected).toEqual([
        {
          index: 1500,
          errors: [{ path: '(record)', message: expect.stringMatching(/database refused .*simulated/) }],
        },
      ]);
      expect((await h.counts()).items - before.items).toBe(2099);
      expect(new Set(f.enqueued).size).toBe(2099);
    });

    it('concurrent batches with the same records in opposite order both succeed (no deadlock)', async (t) => {
      if (!env) return t.skip();
      const before = await h.counts();
      const recs = posts(1500, `cross${Math.random().toString(36).slice(2, 6)}`);
      const [a, b] = await Promise.all([
        h.ingest.ingest('post', recs),
        h.ingest.ingest('post', [...recs].reverse()),
      ]);
      expect(a.accepted + b.accepted).toBe(1500);
      expect(a.duplicates + b.duplicates).toBe(1500);
      expect((await h.counts()).items - before.items).toBe(1500);
    });

    it('a failure while storing leaves nothing of the request behind (no half-written batch)', async (t) => {
      if (!env) return t.skip();
      const db = env.db;
      // The database refuses the third insert statement of the request (a chunk of 1,000 each).
      let inserts = 0;
      const failing: Database = {
        ...db,
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              ...tx,
              query: (text, params) => {
                if (/INSERT INTO items/.test(text) && ++inserts === 3) throw new Error('simulated failure');
                return tx.query(text, params);
              },
            }),
          ),
      };
      const f = ingestOver(failing);
      const before = await h.counts();
      await expect(f.ingest.ingest('post', posts(2500, 'atomic'))).rejects.toThrow(/simulated failure/);
      expect(await h.counts()).toEqual(before);
      expect(f.enqueued).toEqual([]);
    });
  });
}
