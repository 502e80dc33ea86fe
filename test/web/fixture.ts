import { hashPassword } from '../../src/web/auth/passwords.js';
import { createTestApp, eventually } from '../helpers/app.js';

export const PASSWORD = 'correct-horse-battery-1';
export const ROLES = ['admin', 'supervisor', 'staff', 'journalist'] as const;
export type TestRole = (typeof ROLES)[number];
export const ORIGIN = 'http://127.0.0.1';

/**
 * An embedded app with one user per role (plus a second supervisor), a few
 * tagged and indexed items (one application with personal data), and workers running.
 */
export async function createUiFixture(env: Record<string, string> = {}) {
  const t = await createTestApp('embedded', env);
  const { app } = t;
  const hash = await hashPassword(PASSWORD);
  const users: Record<string, { id: string; email: string }> = {};
  for (const role of [...ROLES, 'supervisor2'] as const) {
    const email = `${role}@test.local`;
    const { id } = await app.stores.users.create({
      email,
      name: `Test ${role}`,
      role: role === 'supervisor2' ? 'supervisor' : role,
      passwordHash: hash,
    });
    users[role] = { id, email };
  }
  await app.startWorkers();
  await app.stores.claims.upsertMany([
    { id: 'K1', text: 'Baraj patladı, şehir sular altında kalacak', verdict: 'false' },
  ]);
  await app.ingest.ingest('post', [
    {
      source: 'haber-a',
      text: 'SON DAKİKA! Baraj patladı, şehir sular altında kalacak, silinmeden paylaşın!!',
      province: 'İzmir',
    },
    { source: 'sosyal-b', text: 'Belediye yarın su kesintisi olacağını duyurdu.', province: 'Ankara' },
    {
      source: 'sosyal-b',
      text: 'Aşı çocuklara çip takıyor, herkes uyansın, yayın yayın!',
      province: 'Bursa',
    },
  ]);
  await app.ingest.ingest('application', [
    {
      type: 'sikayet',
      subject: 'Baraj söylentisi',
      text: 'Mahallede baraj patladı diye söylenti var, beni 05321234567 numarasından arayın.',
      applicant: { name: 'Ayşe Yılmaz', tckn: '10000000146', phone: '05321234567' },
    },
  ]);
  await eventually('items indexed', async () => (await app.search.search('items', { limit: 0 })).total >= 4);
  return { ...t, users };
}
export type UiFixture = Awaited<ReturnType<typeof createUiFixture>>;

/** A cookie-keeping client over `app.web.request` (no network). */
export function client(f: UiFixture) {
  let cookie = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    headers.set('accept', headers.get('accept') ?? 'text/html');
    if (init.method && init.method !== 'GET') headers.set('origin', ORIGIN);
    const res = await f.app.web.request(`${ORIGIN}${path}`, { ...init, headers, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    const m = set && /kopru_sid=([^;]*)/.exec(set);
    if (m) cookie = m[1] ? `kopru_sid=${m[1]}` : '';
    return res;
  };
  const csrfOf = async () => {
    const html = await (await request('/published')).text();
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  };
  return {
    request,
    get cookie() {
      return cookie;
    },
    async login(role: string, password = PASSWORD) {
      return request('/login', {
        method: 'POST',
        body: new URLSearchParams({ email: `${role}@test.local`, password }),
      });
    },
    csrfOf,
    /** Posts a form with the session's CSRF token. */
    async post(path: string, fields: Record<string, string | string[]> = {}) {
      const body = new URLSearchParams({ _csrf: await csrfOf() });
      for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
      return request(path, { method: 'POST', body });
    },
  };
}

/**
 * Records a verdict on an item (by the staff user) and has a supervisor confirm
 * it, as publishing a public response on the item requires.
 */
export async function confirmedVerdict(f: UiFixture, itemId: string, verdict: 'false' | 'true' = 'false') {
  const id = await f.app.stores.review.addVerdict(
    itemId,
    { verdict, evidenceLinks: [], notes: '', claimId: undefined },
    f.users.staff!.id,
  );
  await f.app.stores.review.confirmVerdict(id, f.users.supervisor!.id);
  return id;
}
