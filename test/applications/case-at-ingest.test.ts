import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeadlines } from '../../src/features/applications/deadline-config.js';
import { createTestApp, type Mode, servicesAvailable } from '../helpers/app.js';

const deadlines = loadDeadlines('config');

/**
 * An application's case and legal deadline are stored in the transaction that stores the
 * application: no worker, sweep or page view is needed for it to exist.
 */
for (const mode of ['embedded', 'services'] as Mode[])
  describe(`a case exists as soon as an application is accepted (${mode})`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>> | undefined;
    let token = '';

    beforeAll(async () => {
      if (mode === 'services' && !(await servicesAvailable())) return;
      // No startWorkers(): nothing periodic runs in this app.
      t = await createTestApp(mode);
      token = (await t.app.stores.tokens.create({ name: 'intake', scopes: ['ingest'] })).token;
    }, 120_000);
    afterAll(async () => {
      await t?.dispose();
    });

    const post = (records: unknown[]) =>
      t!.app.web.request('/api/v1/applications', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(records),
      });
    const cases = async (subjects: string[]) =>
      (
        await t!.app.db.query<{ subject: string; law: string; dueDate: string; receivedAt: string }>(
          `SELECT i.subject, c.law, c.due_date AS "dueDate", c.received_at AS "receivedAt"
           FROM items i LEFT JOIN application_cases c ON c.item_id = i.id
           WHERE i.kind = 'application' AND i.subject = ANY($1::text[]) ORDER BY i.subject`,
          [subjects],
        )
      ).rows;

    it('through the HTTP API, with the deadline of its type and receipt time', async (c) => {
      if (!t) return c.skip();
      const receivedAt = '2024-03-04T08:00:00Z';
      const res = await post([
        { type: 'bilgi_edinme', subject: 'Case now 4982', text: 'Bütçe bilgisi istiyorum.', receivedAt },
        { type: 'sikayet', subject: 'Case now 3071', text: 'Çöp toplanmıyor.', receivedAt },
      ]);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: 2, duplicates: 0 });
      const rows = await cases(['Case now 3071', 'Case now 4982']);
      const expected = (type: 'sikayet' | 'bilgi_edinme') => {
        const d = deadlines.compute(type, new Date(receivedAt));
        return { law: d.law, dueDate: d.dueDate, receivedAt: new Date(receivedAt).toISOString() };
      };
      expect(rows).toEqual([
        { subject: 'Case now 3071', ...expected('sikayet') },
        { subject: 'Case now 4982', ...expected('bilgi_edinme') },
      ]);
    });

    it('through the import path, once for a repeated application', async (c) => {
      if (!t) return c.skip();
      const rec = { type: 'talep', subject: 'Case now import', text: 'Park yapılsın.', externalId: 'imp-1' };
      expect((await t.app.ingest.ingest('application', [rec, rec])).accepted).toBe(1);
      expect((await t.app.ingest.ingest('application', [rec])).duplicates).toBe(1);
      const rows = await cases(['Case now import']);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.law).toBe('3071');
      const { rows: n } = await t.app.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM application_cases c JOIN items i ON i.id = c.item_id
         WHERE i.subject = 'Case now import'`,
      );
      expect(n[0]!.n).toBe(1);
    });
  });
