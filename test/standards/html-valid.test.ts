import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { client, createUiFixture, type UiFixture } from '../web/fixture.js';

/**
 * The Nu HTML Checker (vnu-jar from npm, run on the machine's Java) reports no
 * errors on the main pages, in Turkish and English, and every page is in
 * standards mode (starts with `<!DOCTYPE html>`).
 */
const vnu = createRequire(import.meta.url)('vnu-jar') as string;
const run = promisify(execFile);

let f: UiFixture;
let dir: string;
let itemId = '';
let claimId = '';

beforeAll(async () => {
  f = await createUiFixture();
  dir = await mkdtemp(join(tmpdir(), 'kopru-vnu-'));
  const marker = Array.from(randomBytes(12), (b) => String.fromCharCode(97 + (b % 26))).join('');
  await f.app.ingest.ingest('post', [
    {
      source: 'x',
      province: 'İzmir',
      text: `SON DAKİKA! Baraj çöktü, kent sular altında kalacak, silinmeden paylaşın https://example.org/a-very-long-address-${marker}`,
    },
  ]);
  await eventually('indexed', async () => {
    itemId = (await f.app.search.search<{ id: string }>('items', { q: marker, limit: 1 })).hits[0]?.id ?? '';
    return itemId !== '';
  });
  claimId = (await f.app.stores.claims.overview({ limit: 1 }))[0]?.id ?? '';
  // One unread and one read notification for the staff member's notifications page.
  await f.app.actions.assign([itemId], f.users.staff!, f.users.supervisor!);
  await f.app.stores.notifications.markRead(
    (await f.app.stores.notifications.list(f.users.staff!.id, ['item_assigned'], { limit: 1, offset: 0 }))
      .rows[0]!.id,
    f.users.staff!.id,
    ['item_assigned'],
  );
  await f.app.actions.assign([itemId], f.users.staff!, f.users.supervisor2!);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await f?.dispose();
});

const PAGES: [role: string | null, path: () => string][] = [
  [null, () => '/login'],
  [null, () => '/responses'],
  [null, () => '/basvuru'],
  ['staff', () => '/queue'],
  ['staff', () => `/items/${itemId}`],
  ['staff', () => '/claims'],
  ['staff', () => `/claims/${encodeURIComponent(claimId)}`],
  ['staff', () => '/claims/new'],
  ['staff', () => '/alerts'],
  ['staff', () => '/digest'],
  ['staff', () => '/drafts'],
  ['staff', () => `/drafts/new?item=${itemId}`],
  ['staff', () => '/notifications'],
  ['supervisor', () => '/dashboard'],
  ['supervisor', () => '/applications'],
  ['supervisor', () => '/sla'],
  ['supervisor', () => '/audit'],
  ['admin', () => '/admin/users'],
  ['admin', () => '/admin/sources'],
  ['admin', () => '/admin/tokens'],
  ['journalist', () => '/account/follows'],
  ['journalist', () => '/published'],
  ['staff', () => '/account/shortcuts'],
];

describe('HTML standards', () => {
  it('the main pages start with <!DOCTYPE html> and the Nu HTML checker finds no errors (Turkish and English)', async () => {
    const sessions = new Map<string | null, ReturnType<typeof client>>();
    const files: string[] = [];
    for (const [role, path] of PAGES) {
      let s = sessions.get(role);
      if (!s) {
        s = client(f);
        if (role) await s.login(role);
        sessions.set(role, s);
      }
      for (const lang of ['tr', 'en']) {
        const p = path();
        const res = await s.request(`${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
        expect({ p, lang, status: res.status }).toEqual({ p, lang, status: 200 });
        expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
        const html = await res.text();
        expect(html.startsWith('<!DOCTYPE html>'), `${p} in standards mode`).toBe(true);
        const file = join(dir, `${role ?? 'public'}${p.replace(/[^\w]+/g, '_')}.${lang}.html`);
        await writeFile(file, html);
        files.push(file);
      }
    }
    const { stdout, stderr } = await run(
      'java',
      ['-jar', vnu, '--errors-only', '--format', 'json', '--exit-zero-always', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(stderr || stdout || '{"messages":[]}') as {
      messages: { type: string; url?: string; message: string; extract?: string }[];
    };
    const errors = report.messages
      .filter((m) => m.type === 'error')
      .map((m) => `${(m.url ?? '').split('/').pop()}: ${m.message} [${(m.extract ?? '').slice(0, 80)}]`);
    expect(errors).toEqual([]);
  }, 240_000);

  it('history and audit log show plain words and Istanbul times, never codes or JSON', async () => {
    const staff = client(f);
    await staff.login('staff');
    expect((await staff.post(`/items/${itemId}/status`, { status: 'in_review' })).status).toBe(303);
    const sup = client(f);
    await sup.login('supervisor');
    const visible = (html: string) =>
      html
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&quot;/g, '"')
        .replace(/\s+/g, ' ');
    const item = visible(await (await staff.request(`/items/${itemId}?lang=en`)).text());
    expect(item).toContain('Changed the status · Status: In review');
    const audit = visible(await (await sup.request('/audit?lang=en')).text());
    expect(audit).toContain('Changed the status');
    expect(audit).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(Istanbul time\)/);
    for (const text of [item, audit]) {
      expect(text).not.toMatch(/\{"|item\.status|in_review|login\.success/);
      expect(text).not.toContain('UTC');
    }
  });

  it('403 and 404 pages say what happened and where the role can go; the admin lands on a page that says what the role is for', async () => {
    const staff = client(f);
    await staff.login('staff');
    const forbidden = await staff.request('/admin/users?lang=en');
    expect(forbidden.status).toBe(403);
    const html = await forbidden.text();
    expect(html).toContain('This page is not open to the staff role');
    expect(html).toContain('href="/queue"');
    expect(html).not.toMatch(/forbidden|permission/i);
    const missing = await staff.request('/no-such-page?lang=en');
    expect(missing.status).toBe(404);
    const text = await missing.text();
    expect(text).toContain('does not exist');
    expect(text).not.toContain('no route for');
    const admin = client(f);
    await admin.login('admin');
    const landing = await admin.request('/admin/users?lang=en');
    expect(await landing.text()).toContain('As an administrator you open accounts');
    // The dashboard lists nothing its viewer cannot open: an admin sees counts, no item links.
    const dash = await (await admin.request('/dashboard?lang=en')).text();
    expect(dash).not.toMatch(/href="\/(items|drafts|applications)\//);
    expect(dash).toContain('only the counts show here');
    const supDash = await (
      await (async () => {
        const sup = client(f);
        await sup.login('supervisor');
        return sup.request('/dashboard?lang=en');
      })()
    ).text();
    expect(supDash).toMatch(/href="\/items\//);
  });
});
