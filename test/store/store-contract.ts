import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagResult } from '../../src/domain/item.js';
import { createErasureStore } from '../../src/store/erasure-store.js';
import {
  createAuditLog,
  createClaimStore,
  createItemStore,
  createTokenStore,
  createUserStore,
  type Database,
  hashToken,
  migrate,
  type NewItem,
} from '../../src/store/index.js';
import { createItemActionStore } from '../../src/store/item-action-store.js';

/** A fresh, empty database (its own schema or in-memory instance) and how to dispose of it. */
export type MakeDb = () => Promise<{ db: Database; dispose: () => Promise<void> } | null>;

let seq = 0;
/** A post with a unique idempotency key unless `key` is given. */
export function newPost(over: Partial<NewItem> = {}): NewItem {
  seq++;
  return {
    kind: 'post',
    idempotencyKey: `post:test:${seq}:${Math.random().toString(36).slice(2)}`,
    source: 'test',
    externalId: String(seq),
    text: `Metin ${seq}: İstanbul'da su kesintisi olacakmış!`,
    appType: null,
    subject: null,
    url: null,
    author: null,
    lang: 'tr',
    province: null,
    occurredAt: null,
    extra: {},
    ...over,
  };
}

/** A tag result with the given risk. */
export function tagResult(risk = 0.5): TagResult {
  return {
    lang: 'tr',
    checkWorthiness: 0.7,
    risk,
    flagged: risk > 0.6,
    reasons: [],
    tags: [{ tag: 'alarmist', score: 0.8, evidence: [{ rule: 'r1', start: 0, end: 5 }] }],
    matches: [],
    pii: [],
    redactedText: 'x',
    clusterKey: 'c1',
    entities: {},
  };
}

const isoRe = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The store contract: every adapter (pg, PGlite) must pass it unchanged.
 * `makeDb` returning null skips the suite (service unavailable outside CI).
 */
export function storeContract(name: string, makeDb: MakeDb) {
  describe(`store contract: ${name}`, () => {
    let db: Database;
    let dispose: (() => Promise<void>) | undefined;
    let available = true;

    beforeAll(async () => {
      const made = await makeDb();
      if (!made) {
        available = false;
        return;
      }
      db = made.db;
      dispose = made.dispose;
      await migrate(db);
    });
    afterAll(async () => {
      await dispose?.();
    });
    const test = (title: string, fn: () => Promise<void>) =>
      it(title, async (ctx) => (available ? fn() : ctx.skip()));

    test('migrate again is a no-op', async () => {
      expect(await migrate(db)).toEqual({ applied: [] });
      const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
      expect(rows.map((r) => r.version)).toContain('001');
    });

    test('returns the same JS types on both adapters', async () => {
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT now() AS ts, 5::bigint AS big, '{"a":1}'::jsonb AS j, ARRAY['x','y']::text[] AS arr,
          '2024-03-01'::date AS d, '2024-03-01 10:00:00+03'::timestamptz AS fixed`,
      );
      const r = rows[0]!;
      expect(r.ts).toMatch(isoRe);
      expect(r.big).toBe(5);
      expect(r.j).toEqual({ a: 1 });
      expect(r.arr).toEqual(['x', 'y']);
      expect(r.d).toBe('2024-03-01');
      expect(r.fixed).toBe('2024-03-01T07:00:00.000Z');
    });

    test('transaction rolls back on throw', async () => {
      const items = createItemStore(db);
      const before = await items.count();
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO sources (id, name, kind) VALUES ($1, 'rollback', 'x')`, [
            '01900000-0000-7000-8000-000000000001',
          ]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await db.query(`SELECT 1 FROM sources WHERE name = 'rollback'`);
      expect(rows).toHaveLength(0);
      expect(await items.count()).toBe(before);
    });

    test('insertMany stores new items and counts duplicates, also within one batch', async () => {
      const items = createItemStore(db);
      const a = newPost({
        extra: { likes: 3, nested: { ok: true } },
        occurredAt: '2024-05-01T10:00:00+03:00',
      });
      const b = newPost();
      const first = await items.insertMany([a, b, { ...a, text: 'same key again' }]);
      expect(first.inserted.map((i) => i.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey]);
      expect(first.duplicates).toBe(1);

      const second = await items.insertMany([a, newPost()]);
      expect(second.inserted).toHaveLength(1);
      expect(second.duplicates).toBe(1);

      const stored = await items.get(first.inserted[0]!.id);
      expect(stored).toMatchObject({
        kind: 'post',
        text: a.text,
        extra: { likes: 3, nested: { ok: true } },
        occurredAt: '2024-05-01T07:00:00.000Z',
        stage: 'received',
        status: 'new',
        duplicateCount: 2,
        tagResult: null,
        taggedAt: null,
      });
      expect(stored!.createdAt).toMatch(isoRe);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM items WHERE idempotency_key = $1', [
        a.idempotencyKey,
      ]);
      expect(rows[0]).toEqual({ n: 1 });
      expect(await items.insertMany([])).toEqual({ inserted: [], duplicates: 0, reproject: [] });
    });

    test('applicant is stored apart from the item', async () => {
      const items = createItemStore(db);
      const applicant = { name: 'Ayşe Yılmaz', tckn: '12345678901', phone: '+90 555 000 00 00' };
      const app = newPost({ kind: 'application', appType: 'sikayet', source: 'cimer', applicant });
      const { inserted } = await items.insertMany([app]);
      const id = inserted[0]!.id;
      expect(await items.getApplicant(id)).toEqual(applicant);
      const { rows } = await db.query('SELECT row_to_json(i)::text AS j FROM items i WHERE id = $1', [id]);
      const raw = String((rows[0] as { j: string }).j);
      expect(raw).not.toContain('12345678901');
      expect(raw).not.toContain('Ayşe');
      expect(await items.get(id)).not.toHaveProperty('applicant');
      expect(await items.getApplicant(newPostId())).toBeNull();
      // The tag stage reads the names of a whole batch in one query.
      expect(await items.applicantNames([id, newPostId(), 'not-a-uuid'])).toEqual(
        new Map([[id, 'Ayşe Yılmaz']]),
      );
    });

    test('insertMany handles a batch of 1,000 in one go', async () => {
      const items = createItemStore(db);
      const batch = Array.from({ length: 1000 }, () => newPost());
      const t0 = performance.now();
      const { inserted, duplicates } = await items.insertMany(batch);
      expect(inserted).toHaveLength(1000);
      expect(duplicates).toBe(0);
      expect(performance.now() - t0).toBeLessThan(10_000);
      const many = await items.getMany([inserted[999]!.id, 'not-a-uuid', inserted[0]!.id]);
      expect(many.map((i) => i.id)).toEqual([inserted[999]!.id, inserted[0]!.id]);
    });

    test('tag results and stage transitions', async () => {
      const items = createItemStore(db);
      const { inserted } = await items.insertMany([newPost(), newPost()]);
      const [x, y] = inserted.map((i) => i.id) as [string, string];
      expect(await items.markIndexed([x])).toBe(0);
      await items.saveTagResults([{ id: x, result: tagResult(0.9) }]);
      const tagged = await items.get(x);
      expect(tagged!.stage).toBe('tagged');
      expect(tagged!.tagResult).toEqual(tagResult(0.9));
      expect(tagged!.taggedAt).toMatch(isoRe);
      await items.saveTagResults([{ id: x, result: tagResult(0.1) }]);
      expect((await items.get(x))!.tagResult!.risk).toBe(0.1);
      const { rows } = await db.query(
        'SELECT risk, flagged, cluster_key FROM tag_results WHERE item_id = $1',
        [x],
      );
      expect(rows[0]).toEqual({ risk: 0.1, flagged: false, cluster_key: 'c1' });

      expect(await items.markIndexed([x, y])).toBe(1);
      expect((await items.get(x))!.stage).toBe('indexed');
      expect((await items.get(y))!.stage).toBe('received');
      const counts = await items.countByStage();
      expect(Object.keys(counts).sort()).toEqual(['indexed', 'received', 'tagged']);
      expect(counts.indexed).toBeGreaterThanOrEqual(1);
      expect(counts.received + counts.tagged + counts.indexed).toBe(await items.count());

      await items.setStatus(x, 'in_review');
      expect((await items.get(x))!.status).toBe('in_review');
      await expect(items.setStatus(newPostId(), 'verified')).rejects.toMatchObject({ code: 'not_found' });
      expect((await items.setStatusMany([x, y, newPostId(), 'not-a-uuid'], 'dismissed')).sort()).toEqual(
        [x, y].sort(),
      );
      expect((await items.get(y))!.status).toBe('dismissed');
    });

    test('a stored tag result is handed over only while its item is unchanged', async () => {
      const items = createItemStore(db);
      const actions = createItemActionStore(db);
      const { inserted } = await items.insertMany([newPost(), newPost(), newPost()]);
      const [a, b, c] = inserted.map((i) => i.id) as [string, string, string];
      const saved = await items.saveTagResults([a, b, c].map((id) => ({ id, result: tagResult(0.4) })));
      // The versions returned are the ones the index stage reads.
      expect(saved).toEqual(await items.indexVersions([a, b, c]));
      const by = { id: '00000000-0000-0000-0000-000000000000', email: 'analist@example.org' };
      await actions.setStatus([b], 'in_review', by);
      await items.saveTagResults([{ id: c, result: tagResult(0.8) }]);
      const unchanged = await items.getUnchanged(new Map([...saved, ['not-a-uuid', 1]]));
      expect(unchanged.map((i) => i.id)).toEqual([a]);
      // The row as stored, without the result it was handed.
      const full = (await items.get(a))!;
      expect(unchanged[0]).toEqual({ ...full, tagResult: null });
      expect(await items.getUnchanged(new Map())).toEqual([]);
    });

    test('findStuck and touch', async () => {
      const items = createItemStore(db);
      const { inserted } = await items.insertMany([newPost()]);
      const id = inserted[0]!.id;
      await sleep(20);
      expect(await items.findStuck('received', 60_000, 10_000)).not.toContain(id);
      expect(await items.findStuck('received', 5, 10_000)).toContain(id);
      expect(await items.findStuck('tagged', 5, 10_000)).not.toContain(id);
      await items.touch([id]);
      expect(await items.findStuck('received', 10_000, 10_000)).not.toContain(id);
      expect(await items.findStuck('received', 0, 1)).toHaveLength(1);
    });

    test('index outbox: an action, its audit and its index request commit together; a change during a projection keeps the item pending', async () => {
      const items = createItemStore(db);
      const actions = createItemActionStore(db);
      const audit = createAuditLog(db);
      const { inserted } = await items.insertMany([newPost(), newPost(), newPost()]);
      const [a, b, c] = inserted.map((i) => i.id) as [string, string, string];
      await items.saveTagResults([a, b].map((id) => ({ id, result: tagResult() })));
      expect(await items.markIndexed([a, b])).toBe(2);
      const by = { id: '00000000-0000-0000-0000-000000000000', email: 'analist@example.org' };
      const r = await actions.setStatus([a, c], 'in_review', by);
      expect(r.value.sort()).toEqual([a, c].sort());
      // The indexed item waits for the index stage again; the untagged one is projected after tagging.
      expect(r.reproject).toEqual([a]);
      expect((await items.get(a))!.stage).toBe('tagged');
      expect((await items.get(c))!.stage).toBe('received');
      expect((await audit.list({ action: 'item.status', targetId: a })).map((e) => e.details)).toEqual([
        { status: 'in_review' },
      ]);
      // A failing action leaves neither its audit entry nor an index request behind.
      expect(await items.markIndexed([a])).toBe(1);
      await expect(actions.assign([a], by, by)).rejects.toThrow();
      expect((await items.get(a))!.stage).toBe('indexed');
      expect(await audit.list({ action: 'item.assign', targetId: a })).toEqual([]);
      // A projection read a and b; a change to b commits before it marks them indexed.
      await actions.setStatus([a, b], 'dismissed', by);
      const versions = await items.indexVersions([a, b, c]);
      expect([...versions.keys()].sort()).toEqual([a, b].sort());
      await actions.setStatus([b], 'verified', by);
      expect(await items.markIndexed([a, b], versions)).toBe(1);
      expect((await items.get(a))!.stage).toBe('indexed');
      expect((await items.get(b))!.stage).toBe('tagged');
      // The reconciler's touch is not a change: a projection is still marked after it.
      const again = await items.indexVersions([b]);
      await items.touch([b]);
      expect(await items.markIndexed([b], again)).toBe(1);
    });

    test('an application erased while it was being tagged keeps only the anonymised tag result', async () => {
      const items = createItemStore(db);
      const { inserted } = await items.insertMany([
        newPost({ kind: 'application', appType: 'sikayet', text: 'Komşum Ali Veli gece gürültü yapıyor' }),
      ]);
      const id = inserted[0]!.id;
      // The tag stage read the text; the erasure commits before it saves its result.
      const result = {
        ...tagResult(),
        redactedText: 'Komşum [AD] gece gürültü yapıyor',
        redactedSubject: 'x',
      };
      const erasure = createErasureStore(db);
      const audit = (targetId: string) => ({ actor: 'dpo', action: 'application.erased', targetId });
      expect((await erasure.erase([id], { audit })).erased).toEqual([id]);
      await items.saveTagResults([{ id, result }]);
      const saved = (await items.get(id))!.tagResult!;
      expect(saved.redactedText).toBe('');
      expect(saved.redactedSubject).toBeUndefined();
      expect(saved.tags.map((t) => t.tag)).toEqual(['alarmist']);
      expect(saved.tags[0]!.evidence).toEqual([]);
    });

    test('iterateTagged pages through every tagged item exactly once', async () => {
      const items = createItemStore(db);
      const { inserted } = await items.insertMany(Array.from({ length: 25 }, () => newPost()));
      await items.saveTagResults(inserted.map((i) => ({ id: i.id, result: tagResult() })));
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tag_results');
      const seen: string[] = [];
      for await (const page of items.iterateTagged(7)) {
        expect(page.length).toBeLessThanOrEqual(7);
        for (const item of page) {
          expect(item.tagResult).not.toBeNull();
          seen.push(item.id);
        }
      }
      expect(seen).toHaveLength(rows[0]!.n);
      expect(new Set(seen).size).toBe(seen.length);
      for (const i of inserted) expect(seen).toContain(i.id);
    });

    test('API tokens: create, verify, revoke; only the hash is stored', async () => {
      const tokens = createTokenStore(db);
      const { id, token } = await tokens.create({ name: 'ingest-bot', scopes: ['ingest', 'read'] });
      expect(token).toMatch(/^kpr_[A-Za-z0-9_-]{43}$/);
      expect(await tokens.verify(token)).toEqual({ id, name: 'ingest-bot', scopes: ['ingest', 'read'] });
      expect(await tokens.verify(`${token}x`)).toBeNull();
      expect(await tokens.verify('nonsense')).toBeNull();
      const { rows } = await db.query<{ token_hash: string; j: string }>(
        'SELECT token_hash, row_to_json(a)::text AS j FROM api_tokens a WHERE id = $1',
        [id],
      );
      expect(rows[0]!.token_hash).toBe(hashToken(token));
      expect(rows[0]!.j).not.toContain(token.slice(4));
      const listed = (await tokens.list()).find((t) => t.id === id)!;
      expect(listed.lastUsedAt).toMatch(isoRe);
      expect(listed.revokedAt).toBeNull();
      expect(listed).not.toHaveProperty('token');
      await tokens.revoke(id);
      expect(await tokens.verify(token)).toBeNull();
      expect((await tokens.list()).find((t) => t.id === id)!.revokedAt).toMatch(isoRe);
    });

    test('API tokens: a cached check spares the database; a revocation here is seen at once, elsewhere within the cache time', async () => {
      let clock = 1_000_000;
      let queries = 0;
      const counting = {
        ...db,
        query: ((...a: Parameters<typeof db.query>) => {
          queries++;
          return db.query(...a);
        }) as typeof db.query,
      };
      const here = createTokenStore(counting, { cacheMs: 5_000, now: () => clock });
      const elsewhere = createTokenStore(db, { cacheMs: 5_000, now: () => clock });
      const a = await here.create({ name: 'cached', scopes: ['read'] });
      const b = await here.create({ name: 'cached-2', scopes: ['read'] });
      queries = 0;
      for (let i = 0; i < 5; i++) expect((await here.verify(a.token))?.id).toBe(a.id);
      expect(queries).toBe(1);
      clock += 5_000;
      expect((await here.verify(a.token))?.id).toBe(a.id);
      expect(queries).toBe(2);
      // An unknown token is never cached as valid.
      expect(await here.verify(`${a.token}x`)).toBeNull();
      await here.revoke(a.id);
      expect(await here.verify(a.token)).toBeNull();
      // Revoked by another process: trusted here until the cache time is over.
      expect((await here.verify(b.token))?.id).toBe(b.id);
      await elsewhere.revoke(b.id);
      expect((await here.verify(b.token))?.id).toBe(b.id);
      clock += 5_001;
      expect(await here.verify(b.token)).toBeNull();
    });

    test('audit log: append, list with filters; UPDATE and DELETE rejected', async () => {
      const audit = createAuditLog(db);
      await audit.append({
        actor: 'u1',
        action: 'item.verdict',
        targetType: 'item',
        targetId: 'i1',
        details: { v: 1 },
      });
      await audit.append({ actor: 'u2', action: 'token.create' });
      const all = await audit.list();
      expect(all[0]).toMatchObject({ actor: 'u2', action: 'token.create', targetType: null, details: {} });
      expect(all[1]).toMatchObject({ actor: 'u1', targetType: 'item', targetId: 'i1', details: { v: 1 } });
      expect(typeof all[0]!.id).toBe('number');
      expect(all[0]!.at).toMatch(isoRe);
      expect(await audit.list({ actor: 'u1' })).toHaveLength(1);
      expect(await audit.list({ targetId: 'i1', action: 'item.verdict' })).toHaveLength(1);
      expect(await audit.list({ limit: 1, offset: 1 })).toEqual([all[1]]);
      await expect(db.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      await db.transaction(async (tx) => createAuditLog(tx).append({ actor: 'tx', action: 'in.tx' }));
      expect(await audit.list({ actor: 'tx' })).toHaveLength(1);

      await audit.appendMany([]);
      await audit.appendMany([
        { actor: 'm', action: 'bulk.a', targetType: 'item', targetId: 'i2', details: { n: 1 } },
        { actor: 'm', action: 'bulk.b' },
      ]);
      const many = await audit.list({ actor: 'm' });
      expect(many.map((e) => [e.action, e.targetType, e.targetId, e.details])).toEqual([
        ['bulk.b', null, null, {}],
        ['bulk.a', 'item', 'i2', { n: 1 }],
      ]);
      expect(many[0]!.id).toBeGreaterThan(many[1]!.id);
    });

    test('users: unique e-mail case-insensitively', async () => {
      const users = createUserStore(db);
      const { id } = await users.create({
        email: 'Ayse@Example.org',
        name: 'Ayşe',
        role: 'staff',
        passwordHash: 'h',
      });
      await expect(
        users.create({ email: 'ayse@example.ORG', name: 'Other', role: 'admin', passwordHash: 'h2' }),
      ).rejects.toMatchObject({ code: 'conflict' });
      const found = await users.findByEmail('AYSE@example.org');
      expect(found).toMatchObject({
        id,
        email: 'Ayse@Example.org',
        role: 'staff',
        disabled: false,
        failedLogins: 0,
      });
      expect(await users.findById(id)).toEqual(found);
      expect(await users.findById('nope')).toBeNull();
      expect(await users.count()).toBe(1);
      expect(await users.list()).toHaveLength(1);
      expect(await users.recordLoginFailure(id, { maxAttempts: 2, lockMs: 60_000 })).toBe(1);
      expect((await users.findById(id))!.lockedUntil).toBeNull();
      await users.recordLoginFailure(id, { maxAttempts: 2, lockMs: 60_000 });
      expect((await users.findById(id))!.lockedUntil).toMatch(isoRe);
      await users.recordLoginSuccess(id);
      expect(await users.findById(id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
      expect(await users.update(id, { role: 'supervisor', disabled: true })).toBe(true);
      expect(await users.findById(id)).toMatchObject({ role: 'supervisor', disabled: true, name: 'Ayşe' });
    });

    test('claims upsert and sources ensure', async () => {
      const claims = createClaimStore(db);
      await claims.upsertMany([
        { id: 'c1', text: 'Aşılar kısırlık yapar', verdict: 'false' },
        { id: 'c2', text: 'Deprem tahmini' },
      ]);
      await claims.upsertMany([
        { id: 'c1', text: 'Aşılar kısırlığa yol açar', verdict: 'false', sourceUrl: 'https://x.tr/1' },
      ]);
      expect(await claims.list()).toEqual([
        { id: 'c1', text: 'Aşılar kısırlığa yol açar', verdict: 'false', sourceUrl: 'https://x.tr/1' },
        { id: 'c2', text: 'Deprem tahmini', verdict: null, sourceUrl: null },
      ]);
    });
  });
}

/** A syntactically valid id that no row has. */
const newPostId = () => '01900000-0000-7000-8000-00000000ffff';
