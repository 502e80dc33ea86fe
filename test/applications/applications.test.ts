import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localParts } from '../../src/domain/applications/calendar.js';
import { classifyCase } from '../../src/domain/applications/sla.js';
import { loadDeadlines } from '../../src/features/applications/deadline-config.js';
import type { createApplicationsFeature } from '../../src/features/applications/feature.js';
import { caseDeadline } from '../../src/features/applications/feature.js';
import { createDeadlineSweep } from '../../src/features/applications/sweep.js';
import { applicationToItem } from '../../src/pipeline/ingest.js';
import { createApplicationStore } from '../../src/store/application-store.js';
import { client, createUiFixture, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
const deadlines = loadDeadlines('config');
const silent = { info: () => undefined, error: () => undefined };
const day = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * day).toISOString();

const store = () => createApplicationStore(f.app.db, { deadline: caseDeadline(deadlines) });
const sweep = () => createDeadlineSweep({ store: store(), logger: silent, tickMs: 60_000 });

async function ingest(records: Record<string, unknown>[]) {
  const r = await f.app.ingest.ingest('application', records);
  expect(r.rejected).toEqual([]);
  const { rows } = await f.app.db.query<{ id: string; subject: string }>(
    `SELECT id, subject FROM items WHERE kind = 'application' AND subject = ANY($1::text[])`,
    [records.map((x) => x.subject)],
  );
  return Object.fromEntries(rows.map((x) => [x.subject, x.id]));
}

const draft = (title: string) => ({
  title,
  claimReviewed: 'Başvurunuz incelendi',
  verdict: 'true',
  summary: 'Başvurunuz incelendi.',
  body: 'Sayın başvuru sahibi, başvurunuz incelendi.',
  sources: '',
  lang: 'tr',
});

beforeAll(async () => {
  f = await createUiFixture();
});
afterAll(async () => {
  await f?.dispose();
});

describe('the deadline sweep', () => {
  it('backfills, on its first run, cases of applications stored without one (by older versions)', async () => {
    // Stored without a deadline function, as versions that left cases to the sweep did.
    const { inserted } = await f.app.stores.items.insertMany([
      applicationToItem({ type: 'talep', subject: 'Sweep talep', text: 'Sokak lambası yanmıyor.' }),
    ]);
    const id = inserted[0]!.id;
    expect(await store().get(id)).toBeNull();
    const s = sweep();
    const first = await s.run();
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect((await s.run()).created).toBe(0);
    const c = await store().get(id);
    expect(c).toMatchObject({ state: 'open', law: '3071' });
    const { rows } = await f.app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM items i WHERE kind = 'application'
       AND NOT EXISTS (SELECT 1 FROM application_cases c WHERE c.item_id = i.id)`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('escalates a case at risk exactly once, with an audit entry', async () => {
    const ids = await ingest([
      {
        type: 'bilgi_edinme',
        subject: 'Late info',
        text: 'Bütçe bilgisi istiyorum.',
        receivedAt: daysAgo(40),
      },
      {
        type: 'bilgi_edinme',
        subject: 'Fresh info',
        text: 'İhale bilgisi istiyorum.',
        receivedAt: daysAgo(0),
      },
    ]);
    const s = sweep();
    const first = await s.run();
    expect(first.escalated).toContain(ids['Late info']);
    expect(first.escalated).not.toContain(ids['Fresh info']);
    expect((await s.run()).escalated).toEqual([]);
    const entries = await f.app.stores.audit.list({
      action: 'application.escalated',
      targetId: ids['Late info'],
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toBe('system');
    expect((await store().get(ids['Late info']!))?.escalatedAt).toBeTruthy();
  });
});

describe('the case list', () => {
  it('shows new applications with a deadline before any sweep, sorted by deadline', async () => {
    await ingest([
      { type: 'sikayet', subject: 'Sort A 3071 old', text: 'Çöp toplanmıyor.', receivedAt: daysAgo(20) },
      { type: 'bilgi_edinme', subject: 'Sort B 4982 new', text: 'Bilgi istiyorum.', receivedAt: daysAgo(1) },
      { type: 'gorus_oneri', subject: 'Sort C 3071 new', text: 'Park önerisi.', receivedAt: daysAgo(1) },
    ]);
    const u = client(f);
    await u.login('staff');
    const html = await (await u.request('/applications?state=all')).text();
    const order = ['Sort A 3071 old', 'Sort B 4982 new', 'Sort C 3071 new'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    // 20 days ago + 30 < 1 day ago + 15 working days (about 21 calendar days) < 1 day ago + 30.
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toMatch(/iş günü kaldı|süre \d+ gün önce doldu|son gün bugün/);
    const desc = await (await u.request('/applications?state=all&sort=due&dir=desc')).text();
    expect(desc.indexOf('Sort C 3071 new')).toBeLessThan(desc.indexOf('Sort A 3071 old'));
    const risky = await (await u.request('/applications?risk=1')).text();
    expect(risky).toContain('Late info');
    expect(risky).not.toContain('Sort C 3071 new');
    expect((await u.request('/applications?sort=bogus')).status).toBe(400);
  });
});

describe('reply, forwarding and closing', () => {
  it('marks a reply sent only after a second supervisor approved it', async () => {
    const ids = await ingest([{ type: 'sikayet', subject: 'Reply case', text: 'Su kesintisi uzun sürdü.' }]);
    const id = ids['Reply case']!;
    const sup = client(f);
    await sup.login('supervisor');
    const page = await (await sup.request(`/applications/${id}`)).text();
    expect(page).toContain(`/drafts/new?item=${id}&amp;kind=reply`);
    const created = await sup.post('/drafts', { ...draft('Yanıtınız'), itemId: id, kind: 'reply' });
    expect(created.status).toBe(303);
    const draftPath = created.headers.get('location')!;
    expect((await sup.post(`${draftPath}/submit`)).status).toBe(303);
    const sent = {
      responseId: draftPath.split('/').pop()!,
      channel: 'eposta',
      sentOn: localParts(new Date(), 'Europe/Istanbul').date,
    };
    // Not approved yet: refused, and the page offers no form.
    expect((await sup.post(`/applications/${id}/sent`, sent)).status).toBe(409);
    expect(await (await sup.request(`/applications/${id}`)).text()).toContain('bir amir onayladıktan sonra');
    // Four-eyes: the author cannot approve.
    expect((await sup.post(`${draftPath}/approve`)).status).toBe(403);
    const sup2 = client(f);
    await sup2.login('supervisor2');
    expect((await sup2.post(`${draftPath}/approve`)).status).toBe(303);
    const staff = client(f);
    await staff.login('staff');
    expect((await staff.post(`/applications/${id}/sent`, { ...sent, sentOn: '2999-01-01' })).status).toBe(
      422,
    );
    expect((await staff.post(`/applications/${id}/sent`, sent)).status).toBe(303);
    const c = await store().get(id);
    expect(c).toMatchObject({ state: 'answered', replyChannel: 'eposta', replySentOn: sent.sentOn });
    expect((await f.app.stores.items.get(id))?.status).toBe('responded');
    const audit = await f.app.stores.audit.list({ action: 'application.reply_sent', targetId: id });
    expect(audit[0]?.details).toMatchObject({ onTime: true, channel: 'eposta' });
    // Sent twice: a conflict, nothing changes.
    expect((await staff.post(`/applications/${id}/sent`, sent)).status).toBe(409);
    const applications = f.app.features.find((x) => x.name === 'applications') as ReturnType<
      typeof createApplicationsFeature
    >;
    const status = await applications.publicStatus(id);
    expect(status).toEqual({
      state: 'answered',
      dueDate: c!.dueDate,
      dueAt: c!.dueAt,
      answeredOn: sent.sentOn,
      forwardedTo: null,
    });
  });

  it('forwards to the competent institution (applicant informed), then closes', async () => {
    const ids = await ingest([{ type: 'ihbar', subject: 'Forward case', text: 'Orman yangını ihbarı.' }]);
    const id = ids['Forward case']!;
    const u = client(f);
    await u.login('staff');
    const bad = await u.post(`/applications/${id}/forward`, {
      institution: 'Orman Genel Müdürlüğü',
      reason: 'Görev alanı',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('aria-describedby="forward-informed-err"');
    expect(html).toContain('href="#forward-informed"');
    expect((await store().get(id))?.state).toBe('open');
    expect((await u.post(`/applications/${id}/close`)).status).toBe(409);
    const ok = await u.post(`/applications/${id}/forward`, {
      institution: 'Orman Genel Müdürlüğü',
      reason: 'Görev alanı',
      informed: 'on',
    });
    expect(ok.status).toBe(303);
    expect(await store().get(id)).toMatchObject({ state: 'forwarded', forwardedTo: 'Orman Genel Müdürlüğü' });
    expect(
      (
        await u.post(`/applications/${id}/forward`, {
          institution: 'X kurumu',
          reason: 'yine',
          informed: 'on',
        })
      ).status,
    ).toBe(409);
    expect((await u.post(`/applications/${id}/close`)).status).toBe(303);
    expect((await store().get(id))?.state).toBe('closed');
    const actions = (await f.app.stores.audit.list({ targetType: 'item', targetId: id })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['application.forwarded', 'application.closed']));
  });

  it('never shows the raw text or personal data on the case page', async () => {
    const { rows } = await f.app.db.query<{ id: string }>(
      `SELECT id FROM items WHERE subject = 'Baraj söylentisi'`,
    );
    const u = client(f);
    await u.login('supervisor');
    const html = await (await u.request(`/applications/${rows[0]!.id}`)).text();
    expect(html).not.toContain('05321234567');
    expect(html).not.toContain('Ayşe');
    expect(html).not.toContain('10000000146');
    expect(html).toContain(`href="/items/${rows[0]!.id}"`);
  });
});

describe('SLA', () => {
  it('counts by type and province at an injected instant, as the domain classifies', async () => {
    const ids = await ingest([
      {
        type: 'talep',
        subject: 'SLA on time',
        text: 'a',
        province: 'Konya',
        receivedAt: '2024-03-04T08:00:00Z',
      },
      {
        type: 'talep',
        subject: 'SLA late',
        text: 'b',
        province: 'Konya',
        receivedAt: '2024-03-04T08:00:00Z',
      },
      {
        type: 'bilgi_edinme',
        subject: 'SLA fwd',
        text: 'c',
        province: 'Sivas',
        receivedAt: '2024-03-05T08:00:00Z',
      },
      {
        type: 'bilgi_edinme',
        subject: 'SLA risk',
        text: 'd',
        province: 'Sivas',
        receivedAt: '2024-03-06T08:00:00Z',
      },
      { type: 'sikayet', subject: 'SLA overdue', text: 'e', receivedAt: '2024-03-01T08:00:00Z' },
      {
        type: 'sikayet',
        subject: 'SLA track',
        text: 'f',
        province: 'Konya',
        receivedAt: '2024-03-20T08:00:00Z',
      },
    ]);
    const s = store();
    await s.ensureCases({ itemIds: Object.values(ids) });
    const users = f.users.supervisor!;
    await s.forward(ids['SLA fwd']!, { institution: 'Valilik', reason: 'yetki' }, users);
    // Replies: approved reply rows inserted directly (the approval flow is covered above).
    for (const [subject, sentOn] of [
      ['SLA on time', '2024-03-20'],
      ['SLA late', '2024-04-20'],
    ] as const) {
      const rid = crypto.randomUUID();
      await f.app.db.query(
        `INSERT INTO responses (id, item_id, kind, state, created_by) VALUES ($1, $2, 'reply', 'approved', $3)`,
        [rid, ids[subject], f.users.staff!.id],
      );
      await s.markSent(ids[subject]!, { responseId: rid, channel: 'posta', sentOn }, users);
    }
    // At 3 April 2024 the cases are on time, late, forwarded, overdue and on track; the SQL must agree with the domain.
    const now = new Date('2024-04-03T09:00:00Z');
    const byType = await s.sla(
      'type',
      new Date('2024-03-01T00:00:00+03:00'),
      new Date('2024-03-21T00:00:00+03:00'),
      now,
    );
    const expected = new Map<string, Record<string, number>>();
    for (const id of Object.values(ids)) {
      const c = (await s.get(id))!;
      const cls = classifyCase(
        {
          state: c.state,
          dueDate: c.dueDate,
          dueAt: new Date(c.dueAt),
          riskAt: new Date(c.riskAt),
          replySentOn: c.replySentOn,
          forwardedAt: c.forwardedAt ? new Date(c.forwardedAt) : null,
        },
        now,
      );
      const row = expected.get(c.appType) ?? {
        onTime: 0,
        late: 0,
        forwarded: 0,
        atRisk: 0,
        overdue: 0,
        total: 0,
      };
      const key = {
        on_time: 'onTime',
        late: 'late',
        forwarded: 'forwarded',
        at_risk: 'atRisk',
        overdue: 'overdue',
        on_track: null,
      }[cls];
      if (key) row[key]!++;
      row.total!++;
      expected.set(c.appType, row);
    }
    expect(Object.fromEntries(byType.map(({ key, ...r }) => [key, r]))).toEqual(Object.fromEntries(expected));
    expect(byType.find((r) => r.key === 'talep')).toMatchObject({ onTime: 1, late: 1, total: 2 });
    expect(byType.find((r) => r.key === 'sikayet')).toMatchObject({ overdue: 1, total: 2 });
    const byProvince = await s.sla(
      'province',
      new Date('2024-03-01T00:00:00+03:00'),
      new Date('2024-03-21T00:00:00+03:00'),
      now,
    );
    expect(byProvince.find((r) => r.key === 'Sivas')).toMatchObject({ forwarded: 1, total: 2 });
    expect(byProvince.find((r) => r.key === null)).toMatchObject({ overdue: 1, total: 1 });
  });

  it('renders the tables and the CSV for a date range; a bad range is a 400', async () => {
    const u = client(f);
    await u.login('supervisor');
    const res = await u.request('/sla?from=2024-03-01&to=2024-03-31&lang=en');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<caption>By type</caption>');
    expect(html).toContain('<th scope="row">Konya</th>');
    const csv = await u.request('/sla.csv?from=2024-03-01&to=2024-03-31');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('dimension,key,on_time,late,forwarded,at_risk,overdue,total');
    expect(text).toContain('type,talep,1,1,0,0,0,2');
    const bad = await u.request('/sla?from=2024-04-01&to=2024-03-01');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('aria-describedby="sla-from-err"');
    expect((await u.request('/sla.csv?from=nope', { headers: { accept: 'application/json' } })).status).toBe(
      400,
    );
  });
});

describe('authorization and CSRF', () => {
  it.each([
    ['staff', 200, 403],
    ['supervisor', 200, 200],
    ['journalist', 403, 403],
    ['admin', 403, 403],
  ])('%s: /applications %i, /sla %i', async (role, apps, sla) => {
    const u = client(f);
    await u.login(role);
    expect((await u.request('/applications')).status).toBe(apps);
    expect((await u.request('/sla')).status).toBe(sla);
    expect((await u.request('/sla.csv')).status).toBe(sla);
  });

  it('sends anonymous visitors to the login page and refuses their posts', async () => {
    const u = client(f);
    const res = await u.request('/applications');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    expect((await u.request('/sla')).status).toBe(302);
    const { rows } = await f.app.db.query<{ item_id: string }>(
      'SELECT item_id FROM application_cases LIMIT 1',
    );
    const post = await u.request(`/applications/${rows[0]!.item_id}/close`, {
      method: 'POST',
      body: new URLSearchParams(),
    });
    expect(post.status).toBe(401);
  });

  it('refuses a journalist and a post without the CSRF token', async () => {
    const ids = await ingest([{ type: 'talep', subject: 'CSRF case', text: 'Kaldırım bozuk.' }]);
    const id = ids['CSRF case']!;
    const fields = { institution: 'Belediye', reason: 'Görev alanı', informed: 'on' };
    const j = client(f);
    await j.login('journalist');
    expect((await j.post(`/applications/${id}/forward`, fields)).status).toBe(403);
    const u = client(f);
    await u.login('staff');
    const noToken = await u.request(`/applications/${id}/forward`, {
      method: 'POST',
      body: new URLSearchParams(fields),
    });
    expect(noToken.status).toBe(403);
    const crossSite = await f.app.web.request(`http://127.0.0.1/applications/${id}/forward`, {
      method: 'POST',
      headers: {
        cookie: u.cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ ...fields, _csrf: await u.csrfOf() }),
    });
    expect(crossSite.status).toBe(403);
    expect((await store().get(id))?.state ?? 'open').toBe('open');
  });
});

describe('supervisor dashboard', () => {
  it('lists deadlines at risk from the cases, with working days and a link to the case', async () => {
    const u = client(f);
    await u.login('supervisor');
    const html = await (await u.request('/dashboard')).text();
    const { rows } = await f.app.db.query<{ id: string }>(`SELECT id FROM items WHERE subject = 'Late info'`);
    expect(html).toContain(`href="/applications/${rows[0]!.id}"`);
    expect(html).toMatch(/süre \d+ gün önce doldu/);
    expect(html).toContain('href="/applications?risk=1"');
  });
});
