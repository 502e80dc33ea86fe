/**
 * Path traversal and forged types on the intake form's attachments, the attachment
 * downloads, the exports and the static assets: file names with `../`, encoded dots,
 * backslashes, NUL, absolute paths or thousands of characters never choose where a file
 * is written or which file is read; a file whose extension lies about its content is
 * refused; what is served goes out as a download with its sniffed type, `nosniff` and a
 * sandbox CSP. A sentinel file next to the storage directory is never sent.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationForm,
  browserClient,
  createIntakeFixture,
  HTML,
  type IntakeFixture,
  PDF,
  PNG,
} from '../intake/intake-fixture.js';

const SENTINEL = 'SENTINEL-OUTSIDE-STORAGE-7f3a';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let f: IntakeFixture;
let sup: ReturnType<typeof browserClient>;
let ipN = 10;
const fresh = () => browserClient(f, `192.0.2.${ipN++}`);
const attachmentsDir = () => join(f.env.DATA_DIR!, 'attachments');

beforeAll(async () => {
  f = await createIntakeFixture({ INTAKE_RATE_PER_HOUR: '1000', INTAKE_MAX_FILE_BYTES: '8192' });
  // A secret file next to the storage directory and one in its parent.
  await writeFile(join(f.env.DATA_DIR!, 'sentinel.bin'), SENTINEL);
  await writeFile(join(f.env.DATA_DIR!, 'sentinel.pdf'), SENTINEL);
  sup = fresh();
  expect((await sup.login('supervisor')).status).toBe(303);
});
afterAll(() => f?.dispose());

/** Submits the form with these files; returns the status and the attachment rows of that submission. */
async function submit(files: { name: string; type: string; bytes: Uint8Array }[]) {
  const c = fresh();
  const { intake } = await c.tokens();
  const before = await f.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_submissions');
  const res = await c.request('/basvuru', { method: 'POST', body: applicationForm(intake, {}, files) });
  const html = await res.text();
  const { rows } = await f.app.db.query<{
    id: string;
    stored_name: string;
    original_name: string;
    content_type: string;
    sha256: string;
    n: number;
  }>(
    `SELECT a.id, a.stored_name, a.original_name, a.content_type, a.sha256,
            (SELECT count(*)::int FROM intake_submissions) AS n
       FROM intake_attachments a JOIN intake_submissions s ON s.id = a.submission_id
      WHERE s.created_at = (SELECT max(created_at) FROM intake_submissions)`,
  );
  const stored = (rows[0]?.n ?? before.rows[0]!.n) > before.rows[0]!.n;
  return { status: res.status, html, stored, rows: stored ? rows : [] };
}

const TRAVERSAL_NAMES = [
  '../../../../../../tmp/kopru-evil.pdf',
  '..\\..\\..\\kopru-evil.pdf',
  '%2e%2e%2f%2e%2e%2fkopru-evil.pdf',
  '..%2F..%2Fkopru-evil.pdf',
  '/etc/passwd.pdf',
  'C:\\Windows\\System32\\kopru-evil.pdf',
  'kopru\u0000evil.pdf',
  'kopru-evil.pdf\u0000.html',
  `${'a'.repeat(5000)}.pdf`,
  '....//....//kopru-evil.pdf',
  '.htaccess.pdf',
  ' ../ kopru-evil.pdf',
  'ko\u202Efdp.exe.pdf',
];

describe('attachment upload', () => {
  it('names never choose where a file is written: random names inside the storage directory only', async () => {
    let stored = 0;
    for (const name of TRAVERSAL_NAMES) {
      const r = await submit([{ name, type: 'application/pdf', bytes: PDF }]);
      // Stored under a safe name, or refused (a NUL that hides another extension is a lying name).
      expect({ name: name.slice(0, 60), status: r.status }).toEqual({
        name: name.slice(0, 60),
        status: expect.toSatisfy((s: number) => s === 200 || s === 415),
      });
      if (r.status === 415) {
        expect(r.stored).toBe(false);
        continue;
      }
      stored++;
      expect(r.stored).toBe(true);
      expect(r.rows).toHaveLength(1);
      const a = r.rows[0]!;
      expect(a.stored_name).toMatch(/^[a-f0-9]{32}\.bin$/);
      // The shown name is one path segment without controls, at most 150 characters.
      expect({ name: name.slice(0, 60), shown: a.original_name }).toEqual({
        name: name.slice(0, 60),
        shown: expect.stringMatching(/^[^/\\\p{Cc}\p{Cf}]{1,150}$/u),
      });
      expect(a.original_name.startsWith('.')).toBe(false);
    }
    // Nothing but random .bin files in the storage directory; nothing written anywhere the names pointed.
    const onDisk = await readdir(attachmentsDir());
    expect(onDisk.every((n) => /^[a-f0-9]{32}\.bin$/.test(n))).toBe(true);
    expect(onDisk).toHaveLength(stored);
    expect(stored).toBeGreaterThanOrEqual(TRAVERSAL_NAMES.length - 2);
    for (const p of [
      '/tmp/kopru-evil.pdf',
      join(f.env.DATA_DIR!, 'kopru-evil.pdf'),
      join(dirname(f.env.DATA_DIR!), 'kopru-evil.pdf'),
      join(attachmentsDir(), 'kopru-evil.pdf'),
    ])
      expect({ p, exists: existsSync(p) }).toEqual({ p, exists: false });
  });

  it('a file whose name or declared type lies about its content is refused, and nothing is stored', async () => {
    const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
    const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58, 0), Buffer.from([0x40, 0, 0, 0])]);
    const SVG = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
    );
    const forged = [
      { name: 'rapor.pdf', type: 'application/pdf', bytes: HTML },
      { name: 'rapor.pdf', type: 'application/octet-stream', bytes: HTML },
      { name: 'foto.png', type: 'image/png', bytes: SVG },
      { name: 'foto.svg', type: 'image/svg+xml', bytes: SVG },
      { name: 'foto.jpg', type: 'image/jpeg', bytes: ELF },
      { name: 'foto.jpg', type: 'image/jpeg', bytes: PE },
      { name: 'foto.png', type: 'image/png', bytes: PDF },
      { name: 'rapor.pdf', type: 'application/pdf', bytes: PNG },
      { name: 'rapor.html', type: 'text/html', bytes: PDF },
      { name: 'rapor.pdf', type: 'text/html', bytes: PDF },
      { name: 'rapor', type: 'application/pdf', bytes: PDF },
      { name: 'rapor.pdf.exe', type: 'application/pdf', bytes: PDF },
    ];
    const before = (await readdir(attachmentsDir())).length;
    for (const file of forged) {
      const r = await submit([file]);
      const label = `${file.name} (${file.type}, ${file.bytes.subarray(0, 4).toString('hex')})`;
      expect({ label, status: r.status, stored: r.stored }).toEqual({ label, status: 415, stored: false });
      // The visitor is told why, in words.
      expect(r.html).toMatch(/id="e-attachments"/);
    }
    expect((await readdir(attachmentsDir())).length).toBe(before);
  });
});

describe('attachment download', () => {
  let pngId = '';
  let pdfId = '';
  beforeAll(async () => {
    // A PNG that also carries HTML after its image data: sniffed as PNG, accepted, served as a download.
    const polyglot = Buffer.concat([PNG, Buffer.from('<html><script>alert(1)</script></html>')]);
    const r = await submit([
      { name: 'poly.png', type: 'image/png', bytes: polyglot },
      { name: '"quote";\r\nX-Evil: 1.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(r.stored).toBe(true);
    pngId = r.rows.find((a) => a.content_type === 'image/png')!.id;
    pdfId = r.rows.find((a) => a.content_type === 'application/pdf')!.id;
  });

  it('serves the sniffed type as an attachment with nosniff and a sandbox, whatever the name', async () => {
    for (const [id, type] of [
      [pngId, 'image/png'],
      [pdfId, 'application/pdf'],
    ] as const) {
      const res = await sup.request(`/intake/attachments/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
      const cd = res.headers.get('content-disposition')!;
      expect(cd).toMatch(/^attachment; filename="[\w.\- ]+"; filename\*=UTF-8''[\w.\-%!~*'()]+$/);
      expect(res.headers.get('x-evil')).toBeNull();
      await res.arrayBuffer();
    }
  });

  it('ids with traversal, encodings, NUL or absolute paths are a 404, never a file', async () => {
    const ids = [
      '..%2f..%2fsentinel.bin',
      '%2e%2e%2f%2e%2e%2fsentinel.bin',
      '..%5c..%5csentinel.bin',
      '..%252f..%252fsentinel.bin',
      '%2fetc%2fpasswd',
      'sentinel.bin%00',
      '%00',
      `${'a'.repeat(3000)}`,
      '00000000-0000-0000-0000-000000000000',
      "1' OR '1'='1",
    ];
    for (const id of ids) {
      const res = await sup.request(`/intake/attachments/${id}`);
      const body = await res.text();
      expect({ id: id.slice(0, 40), status: res.status }).toEqual({
        id: id.slice(0, 40),
        status: expect.toSatisfy((s: number) => s === 404 || s === 400),
      });
      expect(body).not.toContain(SENTINEL);
      expect(body).not.toMatch(/root:.*:0:0:/);
    }
    // Raw (unnormalised) paths as a proxy might pass them.
    for (const raw of [
      '/intake/attachments/../../sentinel.bin',
      '/intake/attachments/..\\..\\sentinel.bin',
    ]) {
      const res = await sup.request(raw);
      expect(res.status).not.toBe(200);
      expect(await res.text()).not.toContain(SENTINEL);
    }
  });

  it('a stored name that was tampered with in the database is never followed outside the directory', async () => {
    const sentinelAbs = join(f.env.DATA_DIR!, 'sentinel.bin');
    for (const stored of [
      '../sentinel.bin',
      '../sentinel.pdf',
      sentinelAbs,
      '/etc/passwd',
      'x/../../sentinel.bin',
    ]) {
      await f.app.db.query('UPDATE intake_attachments SET stored_name = $1, sha256 = $2 WHERE id = $3', [
        stored,
        sha(Buffer.from(SENTINEL)),
        pdfId,
      ]);
      const res = await sup.request(`/intake/attachments/${pdfId}`);
      const body = await res.text();
      expect({ stored, status: res.status }).toEqual({ stored, status: 404 });
      expect(body).not.toContain(SENTINEL);
    }
  });
});

describe('static assets and exports', () => {
  it('asset names are looked up in a fixed list: traversal and prototype keys are a 404', async () => {
    const ok = await f.app.web.request('http://127.0.0.1/assets/app.css');
    expect(ok.status).toBe(200);
    const names = [
      '../package.json',
      '..%2f..%2fpackage.json',
      '%2e%2e%2f%2e%2e%2fpackage.json',
      '..%5c..%5cpackage.json',
      '%2fetc%2fpasswd',
      'app.css%00.js',
      'app.css%2500',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'valueOf',
      `${'x'.repeat(3000)}.css`,
    ];
    for (const n of names) {
      const res = await f.app.web.request(`http://127.0.0.1/assets/${n}`);
      const body = await res.text();
      expect({ n: n.slice(0, 40), status: res.status }).toEqual({ n: n.slice(0, 40), status: 404 });
      expect(body).not.toContain('"dependencies"');
      expect(body).not.toMatch(/root:.*:0:0:/);
    }
  });

  it('an export file name never carries a path from the claim id', async () => {
    const staff = fresh();
    expect((await staff.login('staff')).status).toBe(303);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cwin.ini', 'a%22%3B%20filename%3Dx.html', '%00']) {
      const res = await staff.request(`/api/v1/exports/claims/${id}/appearances.csv`, {
        headers: { accept: 'text/csv' },
      });
      expect({ id, status: res.status }).toEqual({
        id,
        status: expect.toSatisfy((s: number) => s === 200 || s === 404),
      });
      if (res.status === 200) {
        const cd = res.headers.get('content-disposition')!;
        expect(cd).toMatch(/^attachment; filename="claim-[\w-]*-appearances\.csv"$/);
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      }
      await res.arrayBuffer();
    }
  });
});
