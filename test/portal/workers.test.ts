import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvents } from '../../src/domain/events.js';
import { createPublicationService, type PublicationService } from '../../src/pipeline/publish.js';
import { createDatabase } from '../../src/store/index.js';
import { createPublicationStore } from '../../src/store/publication-store.js';
import { createResponseStore } from '../../src/store/response-store.js';
import type { Database } from '../../src/store/types.js';
import { createTestApp, type Mode, servicesAvailable } from '../helpers/app.js';

const silent = { info: () => undefined, error: () => undefined };

/**
 * The embargo timer on several workers: each has its own database connection and
 * event hub (as separate processes do); a due response is published exactly once.
 */
for (const mode of ['embedded', 'services'] as Mode[])
  describe(`scheduled publication with several workers (${mode})`, () => {
    let available = true;
    let t: Awaited<ReturnType<typeof createTestApp>>;
    const extra: Database[] = [];
    const workers: { service: PublicationService; events: string[] }[] = [];
    let by = { id: '', email: 'sup@test.local' };
    let checker = { id: '', email: 'sup2@test.local' };

    beforeAll(async () => {
      if (mode === 'services') available = await servicesAvailable();
      if (!available) return;
      t = await createTestApp(mode, { PUBLISH_TICK_MS: '3600000' });
      by = {
        ...by,
        id: (
          await t.app.stores.users.create({
            email: by.email,
            name: 'S',
            role: 'supervisor',
            passwordHash: 'x',
          })
        ).id,
      };
      checker = {
        ...checker,
        id: (
          await t.app.stores.users.create({
            email: checker.email,
            name: 'S2',
            role: 'supervisor',
            passwordHash: 'x',
          })
        ).id,
      };
      for (let i = 0; i < 3; i++) {
        // Embedded PGlite belongs to one process: the workers share its handle there.
        const db = mode === 'services' ? await createDatabase({ url: t.env.DATABASE_URL }) : t.app.db;
        if (mode === 'services') extra.push(db);
        const events = createEvents(() => undefined);
        const seen: string[] = [];
        events.on('response.published', (p) => void seen.push(p.response.id));
        workers.push({
          service: createPublicationService({
            responses: createResponseStore(db),
            publications: createPublicationStore(db),
            search: t.app.search,
            events,
            logger: silent,
          }),
          events: seen,
        });
      }
    }, 120_000);
    afterAll(async () => {
      for (const db of extra) await db.close();
      await t?.dispose();
    });

    it('publishes each due response once, whichever worker claims it', async (c) => {
      if (!available) return c.skip();
      const responses = createResponseStore(t.app.db);
      const at = new Date(Date.now() + 3_600_000);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const id = await responses.create({
          itemId: null,
          kind: 'public',
          by: by.id,
          draft: {
            title: `Zamanlanmış yanıt ${i}`,
            claimReviewed: 'İddia metni',
            verdict: 'false',
            summary: 'Özet metni',
            body: 'Metin',
            sources: [],
            lang: 'tr',
          },
        });
        await responses.transition(id, 'draft', 'submitted', by.id);
        await responses.transition(id, 'submitted', 'approved', checker.id);
        expect((await workers[0]!.service.publish(id, checker, { at })).state).toBe('scheduled');
        ids.push(id);
      }
      expect(await workers[1]!.service.tick(new Date(at.getTime() - 1000))).toEqual([]);
      const later = new Date(at.getTime() + 1000);
      const runs = await Promise.all(workers.flatMap((w) => [w.service.tick(later), w.service.tick(later)]));
      expect(runs.flat().sort()).toEqual([...ids].sort());
      expect(workers.flatMap((w) => w.events).sort()).toEqual([...ids].sort());
      const { rows } = await t.app.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM response_publications WHERE response_id = ANY($1::uuid[])',
        [ids],
      );
      expect(rows[0]!.n).toBe(ids.length);
      const hits = await t.app.search.search('responses', {
        filter: `id IN [${ids.map((i) => `"${i}"`).join(', ')}]`,
      });
      expect(hits.total).toBe(ids.length);
    });
  });
