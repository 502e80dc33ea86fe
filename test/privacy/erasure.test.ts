import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErasureService } from '../../src/pipeline/erasure.js';
import { applicationToItem } from '../../src/pipeline/ingest.js';
import { createIndexRequests } from '../../src/pipeline/outbox.js';
import { createErasureStore } from '../../src/store/erasure-store.js';
import { createResponseStore } from '../../src/store/response-store.js';
import { hashPassword } from '../../src/web/auth/passwords.js';
import { createTestApp, eventually, type Mode, servicesAvailable } from '../helpers/app.js';

const SECRET_A = 'zebrasırrı4471';
const SECRET_B = 'kaplansırrı9902';

for (const mode of ['embedded', 'services'] as Mode[]) {
  describe(`erasure and retention of applicants' personal data (${mode})`, () => {
    let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;
    let idA = '';
    let idB = '';
    let replyId = '';

    const stats = async () =>
      (
        await ctx!.app.db.query<{ app_type: string; province: string; status: string; n: number }>(
          `SELECT app_type, province, status, count(*)::int AS n FROM items WHERE kind = 'application'
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        )
      ).rows;

    beforeAll(async () => {
      if (mode === 'services' && !(await servicesAvailable())) return;
      ctx = await createTestApp(mode, { DEADLINE_TICK_MS: '1000' });
      const { app } = ctx;
      await app.startWorkers();
      await app.ingest.ingest('application', [
        {
          type: 'sikayet',
          subject: `Gürültü ${SECRET_A}`,
          text: `Komşum Kemal Silinecek gece gürültü yapıyor ${SECRET_A}, beni 05329876543 numarasından arayın.`,
          province: 'Ankara',
          applicant: {
            name: 'Kemal Silinecek',
            tckn: '10000000146',
            phone: '05329876543',
            email: 'kemal.silinecek@example.org',
            address: 'Silinecek Sokak 5, Çankaya',
          },
        },
        {
          type: 'bilgi_edinme',
          subject: 'Bütçe',
          text: `Belediyenin 2025 bütçesini öğrenmek istiyorum ${SECRET_B}.`,
          province: 'İzmir',
          applicant: { name: 'Zeynep Kalacak', email: 'zeynep.kalacak@example.org' },
        },
      ]);
      await eventually('applications indexed', async () => {
        const s = await app.stores.items.countByStage();
        return s.indexed === 2;
      });
      const found = await app.search.search<{ id: string; appType: string }>('items', { limit: 10 });
      idA = found.hits.find((h) => h.appType === 'sikayet')!.id;
      idB = found.hits.find((h) => h.appType === 'bilgi_edinme')!.id;
      const { id: userId } = await app.stores.users.create({
        email: 'staff@test.local',
        name: 'Staff',
        role: 'staff',
        passwordHash: await hashPassword('correct-horse-battery-1'),
      });
      replyId = await createResponseStore(app.db).create({
        itemId: idA,
        kind: 'reply',
        by: userId,
        draft: {
          title: 'Başvurunuz hakkında',
          claimReviewed: '-',
          verdict: 'out_of_scope',
          summary: 'Sayın Kemal Silinecek',
          body: `Sayın Kemal Silinecek, ${SECRET_A} konulu başvurunuz incelendi.`,
          sources: [],
          lang: 'tr',
        },
      });
    });
    afterAll(async () => {
      await ctx?.dispose();
    });

    it('erases one applicant by TCKN and keeps the anonymised record and the statistics', async (t) => {
      if (!ctx) return t.skip();
      const { app } = ctx;
      const before = await stats();
      expect((await app.search.search('items', { q: SECRET_A })).total).toBe(1);

      expect(await app.erasure.find({ tckn: '10000000146' })).toEqual([idA]);
      const r = await app.erasure.erase(
        { tckn: '10000000146' },
        { actor: 'dpo@test', reason: 'KVKK-2026-17' },
      );
      expect(r).toMatchObject({ matched: 1, erased: 1, itemIds: [idA] });

      // The applicant's identity, the text and everything derived from it are gone.
      expect(await app.stores.items.getApplicant(idA)).toBeNull();
      const item = (await app.db.query<Record<string, unknown>>('SELECT * FROM items WHERE id = $1', [idA]))
        .rows[0]!;
      expect(item).toMatchObject({ text: '', subject: null, kind: 'application', app_type: 'sikayet' });
      expect(item.erased_at).not.toBeNull();
      const all = JSON.stringify(
        (
          await app.db.query(
            `SELECT i.*, t.result, a.* FROM items i LEFT JOIN tag_results t ON t.item_id = i.id
             LEFT JOIN applicants a ON a.item_id = i.id WHERE i.id = $1`,
            [idA],
          )
        ).rows,
      );
      for (const s of [SECRET_A, 'Silinecek', '05329876543', '10000000146', 'kemal.silinecek'])
        expect(all).not.toContain(s);
      const reply = JSON.stringify((await createResponseStore(app.db).get(replyId))!.versions);
      expect(reply).not.toContain('Silinecek');
      expect(reply).not.toContain(SECRET_A);

      // The staff index holds the anonymised projection only.
      await eventually(
        'index updated',
        async () => (await app.search.search('items', { q: SECRET_A })).total === 0,
      );
      const doc = await app.search.search<Record<string, unknown>>('items', {
        filter: [`id = ${JSON.stringify(idA)}`],
      });
      expect(doc.total).toBe(1);
      expect(JSON.stringify(doc.hits[0])).not.toContain('Silinecek');
      expect(doc.hits[0]).toMatchObject({ kind: 'application', appType: 'sikayet', province: 'Ankara' });

      // The other applicant is untouched; the counts by type, province and status did not change.
      expect(await app.stores.items.getApplicant(idB)).toMatchObject({ name: 'Zeynep Kalacak' });
      expect((await app.search.search('items', { q: SECRET_B })).total).toBe(1);
      expect(await stats()).toEqual(before);

      // Audited without personal data; a second request finds nothing left to erase.
      const audit = await app.stores.audit.list({ action: 'application.erased' });
      expect(audit.map((a) => [a.targetId, a.actor, a.details])).toEqual([
        [idA, 'dpo@test', { basis: 'request', reason: 'KVKK-2026-17' }],
      ]);
      expect(
        await app.erasure.erase({ tckn: '10000000146' }, { actor: 'dpo@test', reason: 'again' }),
      ).toMatchObject({ matched: 0, erased: 0 });
    });

    it('the retention policy erases applications whose handling ended before the period, once', async (t) => {
      if (!ctx) return t.skip();
      const { app } = ctx;
      // Handling ended: the item was responded to and its case closed (the sweep created it at start).
      await app.stores.items.setStatus(idB, 'responded');
      await eventually('case created', async () => {
        const { rows } = await app.db.query('SELECT 1 FROM application_cases WHERE item_id = $1', [idB]);
        return rows.length === 1;
      });
      const at = (days: number) =>
        createErasureService({
          store: createErasureStore(app.db),
          index: createIndexRequests({ queue: app.queue }),
          retentionDays: 730,
          now: () => Date.now() + days * 86_400_000,
        });
      // An open case is not due, however old.
      expect(await at(731).applyRetention({ dryRun: true })).toMatchObject({ candidates: 0 });
      await app.db.query(
        `UPDATE application_cases SET state = 'closed', closed_at = now() WHERE item_id = $1`,
        [idB],
      );
      // Closed, but not yet due.
      expect(await at(0).applyRetention()).toMatchObject({ candidates: 0, erased: 0 });
      // Due: a dry run only counts.
      expect(await at(731).applyRetention({ dryRun: true })).toMatchObject({ candidates: 1, erased: 0 });
      expect(await app.stores.items.getApplicant(idB)).not.toBeNull();
      expect(await at(731).applyRetention()).toMatchObject({ candidates: 1, erased: 1 });
      expect(await app.stores.items.getApplicant(idB)).toBeNull();
      expect(await at(731).applyRetention()).toMatchObject({ candidates: 0, erased: 0 });
      const audit = await app.stores.audit.list({ action: 'application.erased' });
      expect(audit.find((a) => a.targetId === idB)?.details).toEqual({
        basis: 'retention',
        days: 730,
      });
    });
  });
}

describe('erasure in a process without an index worker (a CLI command)', () => {
  it('indexPending projects the erased items at once; until then the outbox holds them', async () => {
    const ctx = await createTestApp('embedded');
    try {
      const { app } = ctx;
      const { inserted } = await app.stores.items.insertMany([
        applicationToItem({
          type: 'sikayet',
          text: `Gizli başvuru ${SECRET_A}`,
          applicant: { name: 'Kemal Silinecek', tckn: '10000000146' },
        }),
      ]);
      const id = inserted[0]!.id;
      await app.stores.items.saveTagResults([
        {
          id,
          result: {
            lang: 'tr',
            checkWorthiness: 0.2,
            risk: 0.1,
            flagged: false,
            reasons: [],
            tags: [],
            matches: [],
            pii: [],
            redactedText: `Gizli başvuru ${SECRET_A}`,
            clusterKey: 'c-erase-cli',
            entities: {},
          },
        },
      ]);
      expect(await app.indexPending()).toBe(1);
      expect((await app.search.search('items', { q: SECRET_A })).total).toBe(1);
      await app.erasure.erase({ itemIds: [id] }, { actor: 'cli', reason: 'KVKK-CLI-1' });
      // Nobody consumes the index job in this process: the item waits in the outbox.
      expect((await app.stores.items.countByStage()).tagged).toBe(1);
      expect(await app.indexPending()).toBe(1);
      expect((await app.search.search('items', { q: SECRET_A })).total).toBe(0);
      expect((await app.stores.items.countByStage()).tagged).toBe(0);
    } finally {
      await ctx.dispose();
    }
  });
});
