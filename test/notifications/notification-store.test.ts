/**
 * The five events make exactly the right notifications, in the same statement or
 * transaction as the event, on both adapters (PGlite and PostgreSQL): the right
 * recipients, never the person who acted, never a role that may not open the target.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeadlines } from '../../src/features/applications/deadline-config.js';
import { caseDeadline } from '../../src/features/applications/feature.js';
import { applicationToItem } from '../../src/pipeline/ingest.js';
import { createDatabase, createStores, type Database, migrate } from '../../src/store/index.js';
import { ESCALATION_GROUP_MIN } from '../../src/store/notification-sql.js';
import { PG_URL, randomId, serviceAvailable } from '../helpers/env.js';
import { newPost, tagResult } from '../store/store-contract.js';

type MakeDb = () => Promise<{ db: Database; dispose: () => Promise<void> } | null>;
const ALL = [
  'item_assigned',
  'response_submitted',
  'response_approved',
  'response_returned',
  'application_escalated',
  'surge_alert',
] as const;
const DAY = 86_400_000;
const draft = (title: string) => ({
  title,
  claimReviewed: 'Baraj patladı',
  verdict: 'false' as const,
  summary: 'İddia yanlış.',
  body: 'Baraj sağlam.',
  sources: [],
  lang: 'tr' as const,
});

function suite(name: string, make: MakeDb) {
  describe(`notifications: ${name}`, () => {
    let env: Awaited<ReturnType<MakeDb>> = null;
    let s: ReturnType<typeof createStores>;
    const u: Record<string, string> = {};
    let db: Database;

    /** Every notification as [recipient name, kind, target, count, actor name], sorted. */
    const all = async (kind?: string) => {
      const { rows } = await db.query<{
        r: string;
        kind: string;
        target: string | null;
        n: number;
        a: string | null;
      }>(
        `SELECT r.email AS r, n.kind, n.target_id AS target, n.count AS n, a.email AS a
         FROM notifications n JOIN users r ON r.id = n.recipient_id LEFT JOIN users a ON a.id = n.actor_id
         WHERE $1::text IS NULL OR n.kind = $1 ORDER BY 1, 2, 3`,
        [kind ?? null],
      );
      return rows.map((x) => [x.r.split('@')[0], x.kind, x.target, x.n, x.a?.split('@')[0] ?? null]);
    };
    const clear = () => db.query('DELETE FROM notifications');

    beforeAll(async () => {
      env = await make();
      if (!env) return;
      db = env.db;
      await migrate(db);
      s = createStores(db, { deadline: caseDeadline(loadDeadlines('config')) });
      for (const [key, role, disabled] of [
        ['staff1', 'staff', false],
        ['staff2', 'staff', false],
        ['sup1', 'supervisor', false],
        ['sup2', 'supervisor', false],
        ['supOff', 'supervisor', true],
        ['admin', 'admin', false],
        ['journalist', 'journalist', false],
      ] as const) {
        u[key] = (
          await s.users.create({ email: `${key}@test.local`, name: `Test ${key}`, role, passwordHash: 'x' })
        ).id;
        if (disabled) await s.users.update(u[key]!, { disabled: true });
      }
    });
    afterAll(() => env?.dispose());

    const test = (title: string, fn: () => Promise<void>) =>
      it(title, async (ctx) => (env ? fn() : ctx.skip()));

    test('an assignment notifies the assignee once per item, never the person who assigned to themselves', async () => {
      await clear();
      const { inserted } = await s.items.insertMany([newPost(), newPost(), newPost()]);
      const [a, b, c] = inserted.map((i) => i.id);
      await s.review.assign([a!], u.staff2!, u.staff1!);
      expect(await all()).toEqual([['staff2', 'item_assigned', a, 1, 'staff1']]);
      // Assigning it again to the same person is no news; to oneself, no notification.
      await s.review.assign([a!], u.staff2!, u.sup1!);
      await s.review.assign([b!], u.staff1!, u.staff1!);
      expect(await all()).toHaveLength(1);
      // Neither an admin nor a disabled account is told (they cannot open items).
      await s.review.assign([c!], u.admin!, u.sup1!);
      await s.review.assign([c!], u.supOff!, u.sup1!);
      expect(await all()).toHaveLength(1);
      await s.review.assign([c!], u.sup2!, u.sup1!);
      expect(await all()).toContainEqual(['sup2', 'item_assigned', c, 1, 'sup1']);
    });

    test('several items at once make one notification, and a bulk job’s chunks add up in it', async () => {
      await clear();
      const { inserted } = await s.items.insertMany(Array.from({ length: 5 }, () => newPost()));
      const ids = inserted.map((i) => i.id);
      await s.review.assign(ids.slice(0, 3), u.staff2!, u.sup1!);
      await s.review.assign(ids.slice(3), u.staff2!, u.sup1!);
      expect(await all()).toEqual([['staff2', 'item_assigned', null, 5, 'sup1']]);
      // Once read, the next batch starts a new notification.
      await db.query('UPDATE notifications SET read_at = now()');
      const more = (await s.items.insertMany([newPost()])).inserted.map((i) => i.id);
      await s.review.assign(more, u.staff2!, u.sup1!);
      expect((await all()).map((r) => [r[2], r[3]])).toEqual([
        [more[0], 1],
        [null, 5],
      ]);
    });

    test('a submitted draft notifies every active supervisor who wrote none of it; approval and return notify its authors', async () => {
      await clear();
      const { inserted } = await s.items.insertMany([newPost()]);
      const id = await s.responses.create({
        itemId: inserted[0]!.id,
        kind: 'public',
        draft: draft('T'),
        by: u.staff1!,
      });
      await s.responses.transition(id, 'draft', 'submitted', u.staff1!);
      expect(await all()).toEqual([
        ['sup1', 'response_submitted', id, 1, 'staff1'],
        ['sup2', 'response_submitted', id, 1, 'staff1'],
      ]);
      // sup1 sends it back: its author hears of it, the one who acted does not.
      await clear();
      await s.responses.transition(id, 'submitted', 'changes_requested', u.sup1!, 'Kaynak ekleyin');
      expect(await all()).toEqual([['staff1', 'response_returned', id, 1, 'sup1']]);
      // sup1 writes a version and submits it: only sup2 may approve it now (four eyes).
      await clear();
      await s.responses.addVersion(id, 'changes_requested', draft('T2'), u.sup1!);
      await s.responses.transition(id, 'draft', 'submitted', u.sup1!);
      expect(await all()).toEqual([['sup2', 'response_submitted', id, 1, 'sup1']]);
      // sup2 approves: both authors hear of it.
      await clear();
      await s.responses.transition(id, 'submitted', 'approved', u.sup2!);
      expect(await all()).toEqual([
        ['staff1', 'response_approved', id, 1, 'sup2'],
        ['sup1', 'response_approved', id, 1, 'sup2'],
      ]);
      // A lost race (the state changed meanwhile) notifies nobody.
      await clear();
      await expect(s.responses.transition(id, 'submitted', 'approved', u.sup1!)).rejects.toThrow(/changed/);
      expect(await all()).toEqual([]);
    });

    test('an escalated application notifies the supervisors and its assignee, once', async () => {
      await clear();
      const apps = [0, 1].map((i) =>
        applicationToItem({
          type: 'bilgi_edinme',
          subject: `Gecikmiş başvuru ${i}`,
          text: 'Bütçe bilgisi istiyorum.',
          receivedAt: new Date(Date.now() - 40 * DAY).toISOString(),
          externalId: randomId('app'),
        }),
      );
      const { inserted } = await s.items.insertMany(apps, {
        caseDeadline: caseDeadline(loadDeadlines('config')),
      });
      const [a, b] = inserted.map((i) => i.id);
      await s.review.assign([a!], u.staff1!, u.sup1!);
      await clear();
      const escalated = await s.cases.escalate(new Date());
      expect(escalated.sort()).toEqual([a, b].sort());
      expect(await all()).toEqual(
        [
          ['staff1', 'application_escalated', a, 1, null],
          ['sup1', 'application_escalated', a, 1, null],
          ['sup1', 'application_escalated', b, 1, null],
          ['sup2', 'application_escalated', a, 1, null],
          ['sup2', 'application_escalated', b, 1, null],
        ].sort((x, y) => `${x[0]}${x[2]}`.localeCompare(`${y[0]}${y[2]}`)),
      );
      expect(await s.cases.escalate(new Date())).toEqual([]);
      expect(await all()).toHaveLength(5);
    });

    test(`more than ${ESCALATION_GROUP_MIN} escalations at once make one notification per supervisor`, async () => {
      await clear();
      const apps = Array.from({ length: ESCALATION_GROUP_MIN + 2 }, (_, i) =>
        applicationToItem({
          type: 'bilgi_edinme',
          subject: `Toplu ${i}`,
          text: 'Bilgi istiyorum.',
          receivedAt: new Date(Date.now() - 40 * DAY).toISOString(),
          externalId: randomId('bulk'),
        }),
      );
      const { inserted } = await s.items.insertMany(apps, {
        caseDeadline: caseDeadline(loadDeadlines('config')),
      });
      await s.review.assign([inserted[0]!.id], u.staff2!, u.sup1!);
      await clear();
      expect(await s.cases.escalate(new Date())).toHaveLength(apps.length);
      expect(await all()).toEqual([
        ['staff2', 'application_escalated', inserted[0]!.id, 1, null],
        ['sup1', 'application_escalated', null, apps.length, null],
        ['sup2', 'application_escalated', null, apps.length, null],
      ]);
    });

    test('a new, recent surge alert notifies staff and supervisors once; an old episode or an update does not', async () => {
      await clear();
      const now = Date.now();
      const episode = (detectedAt: number) => ({
        kind: 'claim' as const,
        subject: 'K1',
        province: null,
        windowStart: new Date(detectedAt - 3600_000),
        detectedAt: new Date(detectedAt),
        endedAt: null,
        peakCount: 30,
        expected: 2,
        pValue: 1e-9,
      });
      const first = await s.alerts.record(episode(now), false);
      expect(first.created).toBe(true);
      expect(await all()).toEqual(
        ['staff1', 'staff2', 'sup1', 'sup2'].map((r) => [r, 'surge_alert', first.id, 1, null]),
      );
      const again = await s.alerts.record({ ...episode(now), peakCount: 40 }, false);
      expect(again).toEqual({ id: first.id, created: false });
      const old = await s.alerts.record({ ...episode(now - 3 * DAY), subject: 'K2' }, false);
      expect(old.created).toBe(true);
      expect(await all()).toHaveLength(4);
    });

    test('a claim surging in several provinces at once notifies each person once until they read it', async () => {
      await clear();
      const now = Date.now();
      const episode = (province: string | null, subject = 'K7') => ({
        kind: 'claim' as const,
        subject,
        province,
        windowStart: new Date(now - 3600_000),
        detectedAt: new Date(now),
        endedAt: null,
        peakCount: 30,
        expected: 2,
        pValue: 1e-9,
      });
      const national = await s.alerts.record(episode(null), false);
      for (const p of ['İzmir', 'Manisa', 'Aydın'])
        expect((await s.alerts.record(episode(p), false)).created).toBe(true);
      const people = ['staff1', 'staff2', 'sup1', 'sup2'];
      expect(await all()).toEqual(people.map((r) => [r, 'surge_alert', national.id, 1, null]));
      // Another claim is other news.
      const other = await s.alerts.record(episode('İzmir', 'K8'), false);
      expect((await all()).filter((r) => r[2] === other.id)).toHaveLength(4);
      // Once staff1 has read it, a new province of the same claim is news again, for staff1 only.
      const mine = await s.notifications.list(u.staff1!, ['surge_alert'], { limit: 10, offset: 0 });
      for (const row of mine.rows) await s.notifications.markRead(row.id, u.staff1!, ['surge_alert']);
      const later = await s.alerts.record(episode('Denizli'), false);
      expect((await all()).filter((r) => r[2] === later.id)).toEqual([
        ['staff1', 'surge_alert', later.id, 1, null],
      ]);
    });

    test('reading, marking read and counting see only the recipient’s own notifications of kinds their role may open', async () => {
      await clear();
      const { inserted } = await s.items.insertMany([newPost(), newPost()]);
      await s.items.saveTagResults([
        {
          id: inserted[0]!.id,
          result: { ...tagResult(), redactedText: "İstanbul'da su kesintisi olacakmış" },
        },
      ]);
      await s.review.assign([inserted[0]!.id], u.staff1!, u.sup1!);
      await s.review.assign([inserted[1]!.id], u.staff2!, u.sup1!);
      const n = s.notifications;
      expect(await n.unreadCount(u.staff1!, [...ALL])).toBe(1);
      const mine = await n.list(u.staff1!, [...ALL], { limit: 10, offset: 0 });
      expect(mine.total).toBe(1);
      expect(mine.rows[0]).toMatchObject({
        kind: 'item_assigned',
        actorName: 'Test sup1',
        count: 1,
        readAt: null,
      });
      expect(mine.rows[0]!.subject).toContain('su kesintisi');
      const theirs = (await n.list(u.staff2!, [...ALL], { limit: 10, offset: 0 })).rows[0]!;
      // Not staff1's: neither read nor marked.
      expect(await n.markRead(theirs.id, u.staff1!, [...ALL])).toBeNull();
      expect(await n.markRead('not-a-number', u.staff1!, [...ALL])).toBeNull();
      expect(await n.unreadCount(u.staff2!, [...ALL])).toBe(1);
      // A kind the role may no longer see is hidden and cannot be marked.
      expect(await n.unreadCount(u.staff1!, ['surge_alert'])).toBe(0);
      expect(await n.markRead(mine.rows[0]!.id, u.staff1!, ['surge_alert'])).toBeNull();
      expect(await n.markRead(mine.rows[0]!.id, u.staff1!, [...ALL])).toEqual({
        kind: 'item_assigned',
        targetId: inserted[0]!.id,
      });
      expect(await n.unreadCount(u.staff1!, [...ALL])).toBe(0);
      // "Mark all read" stops at the newest notification the page knew of.
      await s.review.assign([inserted[0]!.id], u.staff2!, u.sup2!);
      const page = await n.list(u.staff2!, [...ALL], { limit: 10, offset: 0, unreadOnly: true });
      expect(page.total).toBe(2);
      const { inserted: later } = await s.items.insertMany([newPost()]);
      await s.review.assign([later[0]!.id], u.staff2!, u.sup1!);
      expect(await n.markAllRead(u.staff2!, page.newest!)).toBe(2);
      expect(await n.unreadCount(u.staff2!, [...ALL])).toBe(1);
      expect(await n.markAllRead(u.staff2!, 'yesterday')).toBe(0);
    });

    test('pruning removes old read notifications and very old ones, nothing recent', async () => {
      await clear();
      const { inserted } = await s.items.insertMany([newPost(), newPost(), newPost()]);
      for (const i of inserted) await s.review.assign([i.id], u.staff1!, u.sup1!);
      const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM notifications ORDER BY id');
      await db.query(`UPDATE notifications SET read_at = now() - interval '100 days' WHERE id = $1`, [
        rows[0]!.id,
      ]);
      await db.query(`UPDATE notifications SET created_at = now() - interval '400 days' WHERE id = $1`, [
        rows[1]!.id,
      ]);
      expect(await s.notifications.prune()).toBe(2);
      expect((await db.query<{ id: string }>('SELECT id::text AS id FROM notifications')).rows).toEqual([
        rows[2],
      ]);
    });
  });
}

suite('pglite', async () => {
  const db = await createDatabase({ dataDir: ':memory:' });
  return { db, dispose: () => db.close() };
});

suite('postgres', async () => {
  const up = await serviceAvailable('postgres', async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
  });
  if (!up) return null;
  const schema = randomId('t_notif');
  const db = await createDatabase({ url: PG_URL, schema, max: 4 });
  return {
    db,
    dispose: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
});
