/**
 * Faults injected into the search engine: Meilisearch is stopped while staff act on items,
 * then restarted on the same port and data directory. Every change must be committed and
 * audited in PostgreSQL during the outage and reach the index afterwards without manual
 * steps (the outbox: the item's stage, the index stage and the reconciler).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/web/auth/passwords.js';
import { createTestApp, eventually, type Mode, servicesAvailable } from '../helpers/app.js';
import { client, PASSWORD } from '../web/fixture.js';

const SECRET = 'silinecekgizem7731';
const TCKN = '10000000146';

type Doc = {
  id: string;
  status: string;
  assignee: string | null;
  labels: string[];
  text: string;
  duplicateCount: number;
};

for (const mode of ['embedded', 'services'] as Mode[]) {
  describe(`a search outage loses no index change (${mode})`, { timeout: 180_000 }, () => {
    let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;
    let staff: ReturnType<typeof client>;
    let staffId = '';
    const ids: Record<string, string> = {};

    const doc = async (id: string) =>
      (await ctx!.app.search.search<Doc>('items', { filter: [`id = ${JSON.stringify(id)}`] })).hits[0];
    const stages = async (list: string[]) =>
      (
        await ctx!.app.db.query<{ stage: string }>('SELECT stage FROM items WHERE id = ANY($1::uuid[])', [
          list,
        ])
      ).rows.map((r) => r.stage);
    const audited = async (action: string, id: string) =>
      (await ctx!.app.stores.audit.list({ action, targetType: 'item', targetId: id })).length;

    beforeAll(async () => {
      if (mode === 'services' && !(await servicesAvailable())) return;
      ctx = await createTestApp(
        mode,
        { STUCK_AFTER_MS: '1000', RECONCILE_INTERVAL_MS: '1000' },
        { ownMeili: true },
      );
      const { app } = ctx;
      ({ id: staffId } = await app.stores.users.create({
        email: 'staff@test.local',
        name: 'Test staff',
        role: 'staff',
        passwordHash: await hashPassword(PASSWORD),
      }));
      await app.startWorkers();
      const keys = ['durum', 'hukum', 'atama', 'etiket1', 'etiket2'];
      await app.ingest.ingest(
        'post',
        keys.map((k) => ({ source: 'kesinti-izleme', text: `Yarın su kesintisi olacak iddiası kod${k}` })),
      );
      await app.ingest.ingest('application', [
        {
          type: 'sikayet',
          subject: 'Gürültü şikâyeti',
          text: `Komşum her gece gürültü yapıyor ${SECRET}, lütfen yardım edin.`,
          province: 'Ankara',
          applicant: { name: 'Silinecek Kişi', tckn: TCKN, phone: '05329876543' },
        },
      ]);
      await eventually('items indexed', async () => (await app.stores.items.countByStage()).indexed === 6);
      const { rows } = await app.db.query<{ id: string; text: string }>(
        `SELECT id, text FROM items WHERE kind = 'post'`,
      );
      for (const k of keys) ids[k] = rows.find((r) => r.text.endsWith(`kod${k}`))!.id;
      staff = client(ctx as never);
      expect((await staff.login('staff')).status).toBe(303);
    });
    // A failed test must not leave the engine down for the next one.
    afterEach(async () => {
      await ctx?.meili?.resume();
    });
    afterAll(async () => {
      await ctx?.dispose();
    });

    it('staff and bulk actions during the outage commit, are audited and reach the index afterwards', async (t) => {
      if (!ctx) return t.skip();
      const { app, meili } = ctx;
      // The form token is read from a page before the outage (the pages that search fail during it).
      const csrf = await staff.csrfOf();
      const post = (path: string, fields: Record<string, string | string[]>) => {
        const body = new URLSearchParams({ _csrf: csrf });
        for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
        return staff.request(path, { method: 'POST', body });
      };
      await meili!.pause();

      // Each action answers as usual: PostgreSQL is the system of record.
      expect((await post(`/items/${ids.durum}/status`, { status: 'in_review' })).status).toBe(303);
      expect(
        (
          await post(`/items/${ids.hukum}/verdict`, {
            verdict: 'false',
            notes: 'Su idaresi kesinti olmayacağını açıkladı.',
            evidenceLinks: 'https://su.example/duyuru',
          })
        ).status,
      ).toBe(303);
      expect((await post(`/items/${ids.atama}/assign`, { assignee: staffId })).status).toBe(303);
      const bulk = await post('/queue/bulk', {
        action: 'tag',
        label: 'kesinti',
        ids: [ids.etiket1!, ids.etiket2!],
      });
      expect(bulk.status).toBe(303);
      const jobId = bulk.headers.get('location')!.split('/').pop()!;
      await eventually('bulk job ended', async () =>
        ['finished', 'failed'].includes((await app.stores.bulkJobs.get(jobId))?.state ?? ''),
      );
      expect(await app.stores.bulkJobs.get(jobId)).toMatchObject({ state: 'finished', done: 2, failed: 0 });

      // Committed and audited.
      const [a, b] = await app.stores.items.getMany([ids.durum!, ids.hukum!]);
      expect([a?.status, b?.status]).toEqual(['in_review', 'verified']);
      expect((await app.stores.review.verdicts(ids.hukum!)).map((v) => v.verdict)).toEqual(['false']);
      expect((await app.stores.review.assignees([ids.atama!])).get(ids.atama!)?.id).toBe(staffId);
      const labels = await app.stores.review.labels([ids.etiket1!, ids.etiket2!]);
      expect([labels.get(ids.etiket1!), labels.get(ids.etiket2!)]).toEqual([['kesinti'], ['kesinti']]);
      expect(await audited('item.status', ids.durum!)).toBe(1);
      expect(await audited('item.verdict', ids.hukum!)).toBe(1);
      expect(await audited('item.assign', ids.atama!)).toBe(1);
      expect(await audited('item.label', ids.etiket1!)).toBe(1);
      expect(await audited('item.label', ids.etiket2!)).toBe(1);
      // Waiting in the outbox: none of them counts as indexed while the index has not seen the change.
      expect(await stages(Object.values(ids))).not.toContain('indexed');

      // The outage ends; nobody runs anything by hand.
      const back = Date.now();
      await meili!.resume();
      await eventually('the index shows every change', async () => {
        const [d1, d2, d3, d4, d5] = await Promise.all(Object.values(ids).map(doc));
        return (
          d1?.status === 'in_review' &&
          d2?.status === 'verified' &&
          d3?.assignee === 'staff@test.local' &&
          !!d4?.labels.includes('kesinti') &&
          !!d5?.labels.includes('kesinti')
        );
      });
      const converged = Date.now() - back;
      await eventually('outbox drained', async () => !(await stages(Object.values(ids))).includes('tagged'));
      t.annotate(`index converged ${converged} ms after Meilisearch was back`);
    });

    it('an erasure during the outage is committed and audited at once, and the erased text leaves the index afterwards', async (t) => {
      if (!ctx) return t.skip();
      const { app, meili } = ctx;
      const [id] = await app.erasure.find({ tckn: TCKN });
      expect(id).toBeDefined();
      expect((await app.search.search('items', { q: SECRET })).total).toBe(1);
      await meili!.pause();

      const r = await app.erasure.erase({ tckn: TCKN }, { actor: 'dpo@test', reason: 'KVKK-2026-99' });
      expect(r).toMatchObject({ matched: 1, erased: 1, itemIds: [id] });
      const { rows } = await app.db.query<{ text: string; erased_at: string | null; stage: string }>(
        'SELECT text, erased_at, stage FROM items WHERE id = $1',
        [id],
      );
      expect(rows[0]).toMatchObject({ text: '', stage: 'tagged' });
      expect(rows[0]!.erased_at).not.toBeNull();
      expect(await app.stores.items.getApplicant(id!)).toBeNull();
      const audit = await app.stores.audit.list({ action: 'application.erased', targetId: id });
      expect(audit.map((a) => [a.actor, a.details])).toEqual([
        ['dpo@test', { basis: 'request', reason: 'KVKK-2026-99' }],
      ]);

      const back = Date.now();
      await meili!.resume();
      await eventually('the erased text is gone from the index', async () => {
        const res = await app.search.search('items', { q: SECRET });
        return res.total === 0;
      });
      const converged = Date.now() - back;
      const d = await doc(id!);
      expect(d).toMatchObject({ id, text: '' });
      await eventually('outbox drained', async () => (await stages([id!]))[0] === 'indexed');
      t.annotate(`erased text left the index ${converged} ms after Meilisearch was back`);
    });

    it('a committed change whose index job was never enqueued reaches the index through the reconciler', async (t) => {
      if (!ctx) return t.skip();
      const { app } = ctx;
      // Committed as an action commits it; the process "dies" before enqueuing the index job.
      const id = ids.durum!;
      const r = await app.stores.itemActions.setStatus([id], 'dismissed', {
        id: staffId,
        email: 'staff@test.local',
      });
      expect(r.reproject).toEqual([id]);
      expect(await stages([id])).toEqual(['tagged']);
      const start = Date.now();
      await eventually('the reconciler re-projected it', async () => (await doc(id))?.status === 'dismissed');
      await eventually('outbox drained', async () => (await stages([id]))[0] === 'indexed');
      t.annotate(`lost enqueue repaired in ${Date.now() - start} ms (STUCK_AFTER_MS 1000)`);
    });

    it('a repeat of an indexed post reaches the index with its new duplicate count', async (t) => {
      if (!ctx) return t.skip();
      const { app } = ctx;
      const id = ids.etiket2!;
      expect((await doc(id))?.duplicateCount).toBe(0);
      const again = await app.ingest.ingest('post', [
        { source: 'kesinti-izleme', text: 'Yarın su kesintisi olacak iddiası kodetiket2' },
      ]);
      expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
      await eventually(
        'the index counts the repeat',
        async () => (await doc(id))?.duplicateCount === 1,
        30_000,
      );
      await eventually('outbox drained', async () => (await stages([id]))[0] === 'indexed');
    });
  });
}
