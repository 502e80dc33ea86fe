/**
 * Hostile form bodies on every state-changing session route of the matrix, as a role that
 * may use it, with a valid CSRF token: every field name the UI's forms use, filled with
 * long text, NUL, repeated values (arrays), prototype keys, numbers out of range and dotted
 * keys. A route may refuse (4xx) but never answer with a 500, and nothing reaches
 * `Object.prototype`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, type Who } from '../web/authz-routes.js';
import { client, createUiFixture, ORIGIN, type UiFixture } from '../web/fixture.js';

// The field names of the UI's forms (grep 'name="' in src/**/*.tsx), plus a few API-ish ones.
const FIELDS = [
  'action',
  'address',
  'aliases',
  'assignee',
  'before',
  'body',
  'channel',
  'claimId',
  'claimReviewed',
  'cluster',
  'code',
  'consent',
  'createClaim',
  'current',
  'days',
  'description',
  'dir',
  'disabled',
  'email',
  'enabled',
  'evidenceLinks',
  'expiresDays',
  'from',
  'fromItem',
  'ids',
  'informed',
  'institution',
  'intervalMinutes',
  'item',
  'itemId',
  'kind',
  'label',
  'name',
  'note',
  'notes',
  'page',
  'password',
  'phone',
  'province',
  'publishAt',
  'q',
  'query',
  'reason',
  'repeat',
  'reset',
  'responseId',
  'risk',
  'role',
  'scopes',
  'sentOn',
  'sort',
  'sourceUrl',
  'sources',
  'state',
  'status',
  'subject',
  'summary',
  'tckn',
  'text',
  'title',
  'to',
  'topic',
  'topics',
  'topicsOther',
  'type',
  'unread',
  'url',
  'verdict',
  'viewport',
  'keys.next',
  'keys.prev',
  'lang',
];

const VARIANTS: [string, (k: string) => [string, string][]][] = [
  ['long text', (k) => [[k, 'ş'.repeat(4000)]]],
  ['NUL', (k) => [[k, 'a\u0000b']]],
  [
    'repeated (array)',
    (k) => [
      [k, '1'],
      [k, 'true'],
      [k, 'on'],
    ],
  ],
  ['prototype key', (k) => [[k, '__proto__']]],
  ['out of range', (k) => [[k, '-99999999999999999999']]],
  ['empty', (k) => [[k, '']]],
  ['on', (k) => [[k, 'on']]],
  ['date-like', (k) => [[k, '2026-02-31T25:61']]],
];
const DOTTED: [string, string][] = [
  ['__proto__.polluted', 'yes'],
  ['constructor.prototype.polluted', 'yes'],
  ['keys.__proto__', 'yes'],
  ['__proto__[polluted]', 'yes'],
  ['keys.constructor', 'yes'],
];

let f: UiFixture;
let itemId = '';
let responseId = '';
let appId = '';
beforeAll(async () => {
  f = await createUiFixture();
  itemId = (await f.app.search.search<{ id: string }>('items', { filter: ['kind = post'], limit: 1 }))
    .hits[0]!.id;
  appId = (await f.app.search.search<{ id: string }>('items', { filter: ['kind = application'], limit: 1 }))
    .hits[0]!.id;
  const staff = client(f);
  await staff.login('staff');
  const res = await staff.post('/drafts', {
    itemId,
    kind: 'public',
    title: 'Baraj patlamadı',
    claimReviewed: 'Baraj patladı',
    verdict: 'false',
    summary: 'İddia yanlış.',
    body: 'Baraj sağlam.',
    sources: '',
  });
  responseId = res.headers.get('location')!.split('/').pop()!;
});
afterAll(() => f?.dispose());

const fill = (p: string) => p.replace(':item', itemId).replace(':resp', responseId).replace(':app', appId);

describe('hostile form bodies', () => {
  it('never make a session action answer with a 500, and never reach Object.prototype', async () => {
    const sessions = new Map<Who, ReturnType<typeof client>>();
    const failures: string[] = [];
    let tried = 0;
    for (const [path, allowed] of [...actions, ['/account/password', ['staff']] as [string, Who[]]]) {
      const w = allowed[0]!;
      if (!sessions.has(w)) {
        const c = client(f);
        expect((await c.login(w)).status).toBe(303);
        sessions.set(w, c);
      }
      const c = sessions.get(w)!;
      const csrf = await c.csrfOf();
      const bodies: [string, URLSearchParams | string, string][] = VARIANTS.map(([name, make]) => {
        const b = new URLSearchParams({ _csrf: csrf });
        for (const k of FIELDS) for (const [kk, v] of make(k)) b.append(kk, v);
        return [name, b, 'application/x-www-form-urlencoded'];
      });
      bodies.push([
        'dotted keys',
        new URLSearchParams([['_csrf', csrf], ...DOTTED]),
        'application/x-www-form-urlencoded',
      ]);
      bodies.push([
        'JSON',
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
        'application/json',
      ]);
      for (const [name, body, type] of bodies) {
        const res = await f.app.web.request(`${ORIGIN}${fill(path)}`, {
          method: 'POST',
          headers: {
            cookie: c.cookie,
            origin: ORIGIN,
            'content-type': type,
            'x-csrf-token': csrf,
            accept: 'text/html',
          },
          body,
          redirect: 'manual',
        });
        await res.arrayBuffer();
        tried++;
        if (res.status >= 500) failures.push(`${w} POST ${path} (${name}) -> ${res.status}`);
      }
    }
    expect(tried).toBeGreaterThan(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
  });

  it('a NUL in a form field is a clear 400 in the page language, and nothing is stored', async () => {
    const c = client(f);
    await c.login('staff');
    const res = await c.post('/queue/saved', { name: 'kayıt\u0000adı', query: 'q=baraj' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('denetim karakteri (NUL)');
    const en = await c.post('/queue/saved?lang=en', { name: 'x', query: 'q=a\u0000b' });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain('control character (NUL)');
    const { rows } = await f.app.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM saved_searches WHERE name LIKE 'kay%' OR name = 'x'",
    );
    expect(rows[0]!.n).toBe(0);
  });
});
