import { hashPassword } from '../../src/web/auth/passwords.js';
import { createTestApp } from '../helpers/app.js';

export const ORIGIN = 'http://127.0.0.1';
export const PASSWORD = 'correct-horse-battery-1';

/** A 1×1 PNG, a minimal PDF and a JPEG header: real magic bytes for the type sniffer. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

/** An embedded app with one user per role and small intake limits. */
export async function createIntakeFixture(env: Record<string, string> = {}) {
  const t = await createTestApp('embedded', {
    INTAKE_MAX_FILES: '2',
    INTAKE_MAX_FILE_BYTES: '4096',
    INTAKE_RATE_PER_HOUR: '3',
    ...env,
  });
  const hash = await hashPassword(PASSWORD);
  for (const role of ['admin', 'supervisor', 'staff', 'journalist'] as const)
    await t.app.stores.users.create({
      email: `${role}@test.local`,
      name: `Test ${role}`,
      role,
      passwordHash: hash,
    });
  return t;
}
export type IntakeFixture = Awaited<ReturnType<typeof createIntakeFixture>>;

/**
 * A browser-like client over `app.web.request` (no network): keeps every cookie,
 * sends Origin on writes, and comes from its own client address (rate limits are per address).
 */
export function browserClient(f: IntakeFixture, ip: string) {
  const cookies = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    headers.set('accept', headers.get('accept') ?? 'text/html');
    if (init.method && init.method !== 'GET') headers.set('origin', headers.get('origin') ?? ORIGIN);
    const res = await f.app.web.request(
      `${ORIGIN}${path}`,
      { ...init, headers, redirect: 'manual' },
      { incoming: { socket: { remoteAddress: ip } } },
    );
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
      if (v && !/max-age=0/i.test(c)) cookies.set(k, v);
      else cookies.delete(k);
    }
    return res;
  };
  const field = (html: string, name: string) =>
    new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
  return {
    request,
    cookies,
    /** Opens a page and returns its form token (and session token when signed in). */
    async tokens(path = '/basvuru') {
      const html = await (await request(path)).text();
      return { intake: field(html, '_intake'), csrf: field(html, '_csrf') };
    },
    login: (role: string) =>
      request('/login', {
        method: 'POST',
        body: new URLSearchParams({ email: `${role}@test.local`, password: PASSWORD }),
      }),
  };
}

/** A valid application form (tr), with overrides and files. */
export function applicationForm(
  token: string,
  over: Record<string, string | undefined> = {},
  files: { name: string; type: string; bytes: Uint8Array }[] = [],
): FormData {
  const fields: Record<string, string | undefined> = {
    _intake: token,
    type: 'sikayet',
    subject: 'Mahalle parkı aydınlatması',
    text: 'Parktaki lambalar üç haftadır yanmıyor; akşamları çocuklar karanlıkta oynuyor.',
    province: 'Ankara',
    name: 'Deniz Kaya',
    tckn: '10000000146',
    email: 'deniz@example.org',
    phone: '0312 555 01 02',
    address: 'Çankaya',
    consent: 'on',
    ...over,
  };
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.append(k, v);
  for (const f of files) fd.append('attachments', new Blob([f.bytes], { type: f.type }), f.name);
  return fd;
}
