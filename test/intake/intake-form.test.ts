import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeStore } from '../../src/store/intake-store.js';
import {
  applicationForm,
  browserClient,
  createIntakeFixture,
  HTML,
  type IntakeFixture,
  PDF,
  PNG,
} from './intake-fixture.js';

let f: IntakeFixture;
let ipSeq = 0;
/** A fresh client from its own address, so the per-address rate limit does not couple tests. */
const fresh = () => browserClient(f, `10.0.0.${++ipSeq}`);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const attachmentsDir = () => join(f.env.DATA_DIR!, 'attachments');
const filesOnDisk = async () => (existsSync(attachmentsDir()) ? (await readdir(attachmentsDir())).length : 0);
const counts = async () => {
  const { rows } = await f.app.db.query<{ items: number; subs: number; atts: number }>(
    `SELECT (SELECT count(*)::int FROM items WHERE source = 'web-form') AS items,
            (SELECT count(*)::int FROM intake_submissions) AS subs,
            (SELECT count(*)::int FROM intake_attachments) AS atts`,
  );
  return { ...rows[0]!, disk: await filesOnDisk() };
};
const codeOf = (html: string) => /KPR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(html)?.[0];

beforeAll(async () => {
  f = await createIntakeFixture();
}, 120_000);
afterAll(async () => {
  await f?.dispose();
});

describe('public application form', () => {
  it('renders in Turkish and English with the 81 provinces, five types and the KVKK notice', async () => {
    const c = fresh();
    const tr = await (await c.request('/basvuru')).text();
    expect(tr).toContain('<html lang="tr"');
    expect(tr).toContain('Başvuru formu');
    expect(tr.match(/<option value="[^"]+"/g)?.length).toBe(81);
    for (const t of ['sikayet', 'ihbar', 'talep', 'gorus_oneri', 'bilgi_edinme'])
      expect(tr).toContain(`id="f-type-${t}"`);
    expect(tr).toContain('Kişisel verilerin korunması');
    expect(tr).toContain('enctype="multipart/form-data"');
    const en = await (await c.request('/basvuru?lang=en')).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Application form');
    // /apply is the English entry point for a visitor who has not chosen a language.
    const apply = await (await fresh().request('/apply')).text();
    expect(apply).toContain('<html lang="en"');
  });

  it('stores a valid submission with a PDF and a PNG and answers with a tracking code that works', async () => {
    const c = fresh();
    const before = await counts();
    const { intake } = await c.tokens();
    const res = await c.request('/basvuru', {
      method: 'POST',
      body: applicationForm(intake, {}, [
        { name: 'dilekçe.pdf', type: 'application/pdf', bytes: PDF },
        { name: 'foto.png', type: 'image/png', bytes: PNG },
      ]),
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const code = codeOf(html);
    expect(code).toBeDefined();

    const after = await counts();
    expect(after).toEqual({
      items: before.items + 1,
      subs: before.subs + 1,
      atts: before.atts + 2,
      disk: before.disk + 2,
    });
    const { rows: items } = await f.app.db.query<{
      id: string;
      text: string;
      app_type: string;
      province: string;
    }>(
      `SELECT id, text, app_type, province FROM items WHERE source = 'web-form' ORDER BY created_at DESC LIMIT 1`,
    );
    const item = items[0]!;
    expect(item).toMatchObject({ app_type: 'sikayet', province: 'Ankara' });
    expect(item.text).not.toContain('Deniz');
    expect(await f.app.stores.items.getApplicant(item.id)).toMatchObject({
      name: 'Deniz Kaya',
      tckn: '10000000146',
      email: 'deniz@example.org',
    });
    const { rows: atts } = await f.app.db.query<{
      stored_name: string;
      original_name: string;
      sha256: string;
      size_bytes: number;
      content_type: string;
    }>(
      `SELECT a.stored_name, a.original_name, a.sha256, a.size_bytes, a.content_type FROM intake_attachments a
       JOIN intake_submissions s ON s.id = a.submission_id WHERE s.item_id = $1 ORDER BY a.original_name`,
      [item.id],
    );
    expect(atts.map((a) => [a.original_name, a.content_type, a.size_bytes, a.sha256])).toEqual([
      ['dilekçe.pdf', 'application/pdf', PDF.length, sha(PDF)],
      ['foto.png', 'image/png', PNG.length, sha(PNG)],
    ]);
    for (const a of atts) {
      expect(a.stored_name).toMatch(/^[a-f0-9]{32}\.bin$/);
      expect(sha(await readFile(join(attachmentsDir(), a.stored_name)))).toBe(a.sha256);
    }
    // The code itself is never stored, only its hash.
    const { rows: leaked } = await f.app.db.query(
      'SELECT 1 FROM intake_submissions WHERE tracking_hash = $1 OR external_id LIKE $2',
      [code, `%${code}%`],
    );
    expect(leaked).toHaveLength(0);
    const audit = await f.app.stores.audit.list({ action: 'application.submit', targetId: item.id });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toMatch(/Deniz|deniz@|10000000146|0312/);

    // Status lookup, with the code typed loosely.
    const s = fresh();
    const { intake: t2 } = await s.tokens('/basvuru/durum');
    const loose = code!.toLowerCase().replace(/-/g, ' ').replace('kpr ', '');
    const look = await s.request('/basvuru/durum', {
      method: 'POST',
      body: new URLSearchParams({ _intake: t2, code: loose }),
    });
    const page = await look.text();
    expect(look.status).toBe(200);
    expect(page).toContain('Şikâyet');
    expect(page).toContain('Başvurunuz alındı ve inceleme sırasında.');
    // The case workflow's legal deadline (Law 3071: 30 days for a complaint).
    expect(page).toContain('Yasal cevap süresi sonu');
    for (const secret of [
      'Deniz',
      'deniz@example.org',
      '10000000146',
      '555 01 02',
      'Çankaya',
      'lambalar',
      'Mahalle parkı',
    ])
      expect(page).not.toContain(secret);

    // The status follows the item.
    await f.app.stores.items.setStatus(item.id, 'responded');
    const again = await s.request('/apply/status?lang=en', {
      method: 'POST',
      body: new URLSearchParams({ _intake: (await s.tokens('/apply/status')).intake, code: code! }),
    });
    expect(await again.text()).toContain('Your application has been answered.');

    // Once the case is forwarded, the case workflow's words replace the item status.
    await f.app.db.query(
      `UPDATE application_cases SET state = 'forwarded', forwarded_to = 'Karayolları Genel Müdürlüğü',
         forwarded_at = now() WHERE item_id = $1`,
      [item.id],
    );
    const forwarded = await s.request('/basvuru/durum?lang=tr', {
      method: 'POST',
      body: new URLSearchParams({ _intake: (await s.tokens('/basvuru/durum')).intake, code: code! }),
    });
    expect(await forwarded.text()).toContain('Karayolları Genel Müdürlüğü kurumuna iletildi');
  });

  it('answers an unknown or malformed code generically and never reveals anything', async () => {
    const s = fresh();
    const { intake } = await s.tokens('/basvuru/durum');
    const unknown = await s.request('/basvuru/durum', {
      method: 'POST',
      body: new URLSearchParams({ _intake: intake, code: 'KPR-0000-0000-0000' }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Bu takip koduna ait bir başvuru bulunamadı');
    const bad = await s.request('/basvuru/durum', {
      method: 'POST',
      body: new URLSearchParams({ _intake: intake, code: 'nonsense' }),
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-invalid="true"');
  });

  it('re-renders validation errors with the values kept, a linked summary and per-field messages', async () => {
    const c = fresh();
    const before = await counts();
    const { intake } = await c.tokens();
    const res = await c.request('/basvuru', {
      method: 'POST',
      body: applicationForm(intake, {
        text: 'Kısa',
        tckn: '12345678901',
        email: '',
        phone: '',
        consent: undefined,
        province: 'Atlantis',
      }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/class="notice error error-summary" role="alert"/);
    for (const [field, message] of [
      ['text', 'En az 20 karakter yazın.'],
      ['tckn', 'T.C. kimlik numarası geçerli değil'],
      ['email', 'E-posta veya telefondan en az birini yazın.'],
      ['province', 'Listeden bir il seçin.'],
      ['consent', 'açık rıza kutusunu işaretleyin'],
    ]) {
      expect(html).toContain(`href="#f-${field}"`);
      expect(html).toContain(`id="e-${field}"`);
      expect(html).toMatch(new RegExp(`id="f-${field}"[^>]*aria-describedby="e-${field}`));
      expect(html).toContain(message);
    }
    expect(html).toMatch(/id="f-text"[^>]*aria-invalid="true"/);
    // Values are kept.
    expect(html).toContain('value="Mahalle parkı aydınlatması"');
    expect(html).toContain('value="Deniz Kaya"');
    expect(html).toMatch(/<textarea[^>]*id="f-text"[^>]*>Kısa<\/textarea>/);
    expect(html).toMatch(/value="sikayet" checked/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL character in a field with a clear message (not a server error) and stores nothing', async () => {
    const c = fresh();
    const before = await counts();
    const { intake } = await c.tokens();
    const res = await c.request('/basvuru', {
      method: 'POST',
      body: applicationForm(intake, {
        text: 'Parktaki lambalar üç haftadır yanmıyor;\u0000 akşamları karanlık.',
        name: 'Deniz\u0000Kaya',
      }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="e-text"');
    expect(html).toContain('id="e-name"');
    expect(html).toContain('izin verilmeyen bir denetim karakteri');
    expect(await counts()).toEqual(before);
  });

  it('refuses too many and too large files with clear messages and stores nothing', async () => {
    const c = fresh();
    const before = await counts();
    const pdf = { name: 'a.pdf', type: 'application/pdf', bytes: PDF };
    let { intake } = await c.tokens();
    const many = await c.request('/basvuru', {
      method: 'POST',
      body: applicationForm(intake, {}, [pdf, pdf, pdf]),
    });
    expect(many.status).toBe(422);
    const manyHtml = await many.text();
    expect(manyHtml).toContain('En çok 2 dosya ekleyebilirsiniz.');
    expect(manyHtml).toContain('lütfen yeniden seçin');
    ({ intake } = await c.tokens());
    const big = new Uint8Array(5000);
    big.set(PDF);
    const large = await c.request('/basvuru', {
      method: 'POST',
      body: applicationForm(intake, {}, [{ name: 'büyük.pdf', type: 'application/pdf', bytes: big }]),
    });
    expect(large.status).toBe(422);
    expect(await large.text()).toContain('&quot;büyük.pdf&quot; dosyası çok büyük (en çok 4 KB)');
    expect(await counts()).toEqual(before);
  });

  it('refuses a body that is not a form with 415', async () => {
    const res = await fresh().request('/basvuru', {
      method: 'POST',
      body: JSON.stringify({ type: 'sikayet', text: 'x' }),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('refuses the whole request above the size limit with 413', async () => {
    const c = fresh();
    const { intake } = await c.tokens();
    const huge = new Uint8Array(2 * 4096 + 600 * 1024);
    const res = await c.request('/basvuru', {
      method: 'POST',
      body: applicationForm(intake, {}, [{ name: 'x.pdf', type: 'application/pdf', bytes: huge }]),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('toplamda çok büyük');
  });

  it('refuses forged types (HTML as PDF, PNG named .pdf, a program) and stores nothing', async () => {
    const before = await counts();
    for (const [file, message] of [
      [{ name: 'belge.pdf', type: 'application/pdf', bytes: HTML }, 'içeriği PDF, JPEG veya PNG değil'],
      [{ name: 'resim.pdf', type: 'application/pdf', bytes: PNG }, 'uzantısı veya türü içeriğiyle uyuşmuyor'],
      [{ name: 'resim.png', type: 'application/pdf', bytes: PNG }, 'uzantısı veya türü içeriğiyle uyuşmuyor'],
      [
        {
          name: 'setup.pdf',
          type: 'application/pdf',
          bytes: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200)]),
        },
        'içeriği PDF, JPEG veya PNG değil',
      ],
    ] as const) {
      const c = fresh();
      const { intake } = await c.tokens();
      const res = await c.request('/basvuru', {
        method: 'POST',
        // A valid PDF alongside: nothing of the submission may be kept.
        body: applicationForm(intake, {}, [{ name: 'ok.pdf', type: 'application/pdf', bytes: PDF }, file]),
      });
      expect(res.status).toBe(415);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain('href="#f-attachments"');
    }
    expect(await counts()).toEqual(before);
  });

  it('rejects a missing, foreign or tampered form token with 403', async () => {
    const before = await counts();
    const c = fresh();
    const { intake } = await c.tokens();
    const missing = await c.request('/basvuru', { method: 'POST', body: applicationForm('') });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('Form güvenlik doğrulaması başarısız');
    const [ts, nonce, sig] = intake.split('.');
    const forged = `${ts}.${nonce}x.${sig}`;
    c.cookies.set('kopru_intake', forged);
    expect((await c.request('/basvuru', { method: 'POST', body: applicationForm(forged) })).status).toBe(403);
    // A token from another browser without its cookie.
    const other = fresh();
    expect((await other.request('/basvuru', { method: 'POST', body: applicationForm(intake) })).status).toBe(
      403,
    );
    // Another site posting the form is stopped by the Origin check.
    const d = fresh();
    const { intake: t } = await d.tokens();
    const cross = await d.request('/basvuru', {
      method: 'POST',
      body: applicationForm(t),
      headers: { origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('stores a form sent twice once', async () => {
    const c = fresh();
    const before = await counts();
    const { intake } = await c.tokens();
    const form = () => applicationForm(intake, { subject: 'İki kez gönderilen başvuru' });
    expect(
      codeOf(await (await c.request('/basvuru', { method: 'POST', body: form() })).text()),
    ).toBeDefined();
    const second = await (await c.request('/basvuru', { method: 'POST', body: form() })).text();
    expect(codeOf(second)).toBeUndefined();
    expect(second).toContain('iki kez kaydedilmedi');
    expect((await counts()).items).toBe(before.items + 1);
  });

  it('limits submissions per address per hour with 429 and Retry-After', async () => {
    const c = fresh();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { intake } = await c.tokens();
      statuses.push(
        (await c.request('/basvuru', { method: 'POST', body: applicationForm(intake, { text: 'x' }) }))
          .status,
      );
    }
    expect(statuses).toEqual([422, 422, 422, 429]);
    const { intake } = await c.tokens();
    const res = await c.request('/basvuru', { method: 'POST', body: applicationForm(intake) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toContain('Çok fazla istek');
    // Another address is not affected.
    const d = fresh();
    const { intake: t } = await d.tokens();
    expect(
      (await d.request('/basvuru', { method: 'POST', body: applicationForm(t, { text: 'x' }) })).status,
    ).toBe(422);
  });
});

describe('staff access to attachments', () => {
  let attachmentId = '';
  let itemId = '';
  beforeAll(async () => {
    const c = fresh();
    const { intake } = await c.tokens();
    await c.request('/basvuru', {
      method: 'POST',
      body: applicationForm(intake, { subject: 'Ekli başvuru' }, [
        { name: 'rapor "özet".pdf', type: 'application/pdf', bytes: PDF },
      ]),
    });
    const { rows } = await f.app.db.query<{ id: string; item_id: string }>(
      `SELECT a.id, s.item_id FROM intake_attachments a JOIN intake_submissions s ON s.id = a.submission_id
       WHERE a.original_name LIKE 'rapor%'`,
    );
    attachmentId = rows[0]!.id;
    itemId = rows[0]!.item_id;
  });

  it('lets a supervisor download with safe headers, and audits it', async () => {
    const sup = fresh();
    await sup.login('supervisor');
    const list = await sup.request(`/intake/items/${itemId}/attachments`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`/intake/attachments/${attachmentId}`);
    const res = await sup.request(`/intake/attachments/${attachmentId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    // The client's name is kept sanitised (no quotes); the ASCII fallback drops accents.
    expect(disposition).toContain(
      `filename="rapor _ozet_.pdf"; filename*=UTF-8''${encodeURIComponent('rapor _özet_.pdf')}`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    const audit = await f.app.stores.audit.list({ action: 'attachment.download', targetId: itemId });
    expect(audit[0]).toMatchObject({ actor: 'supervisor@test.local', details: { attachmentId } });
    // The case page lists the files with their names and download links for this role.
    const kase = await (await sup.request(`/applications/${itemId}?lang=en`)).text();
    expect(kase).toContain(`href="/intake/attachments/${attachmentId}"`);
    expect(kase).toContain('rapor _özet_.pdf');
    expect(kase).toMatch(/application\/pdf, \d+(\.\d)? KB/);
  });

  it('shows staff the files of a case without their names or links (names may hold personal data)', async () => {
    const staff = fresh();
    await staff.login('staff');
    const res = await staff.request(`/applications/${itemId}?lang=en`);
    expect(res.status).toBe(200);
    const kase = await res.text();
    expect(kase).toContain('Attachment 1');
    expect(kase).toContain('application/pdf');
    expect(kase).not.toContain('rapor');
    expect(kase).not.toContain('/intake/attachments/');
  });

  it('refuses anonymous visitors, journalists, staff and admins', async () => {
    const anon = await fresh().request(`/intake/attachments/${attachmentId}`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toMatch(/^\/login/);
    for (const role of ['journalist', 'staff', 'admin']) {
      const c = fresh();
      await c.login(role);
      expect((await c.request(`/intake/attachments/${attachmentId}`)).status).toBe(403);
      expect((await c.request(`/intake/items/${itemId}/attachments`)).status).toBe(403);
    }
  });

  it('lets a signed-in user send the form too (session token and form token)', async () => {
    const c = fresh();
    await c.login('staff');
    const { intake, csrf } = await c.tokens();
    expect(csrf).not.toBe('');
    const fd = applicationForm(intake, { subject: 'Personelin girdiği başvuru' });
    fd.append('_csrf', csrf);
    const res = await c.request('/basvuru', { method: 'POST', body: fd });
    expect(codeOf(await res.text())).toBeDefined();
  });

  it('erases the rows and files of an item with the applicant (KVKK erasure, retention)', async () => {
    const store = createIntakeStore(f.app.db);
    const [a] = await store.listAttachments(itemId);
    expect(a).toBeDefined();
    expect(existsSync(join(attachmentsDir(), a!.storedName))).toBe(true);
    expect(
      await f.app.erasure.erase({ itemIds: [itemId] }, { actor: 'dpo@test', reason: 'KVKK-1' }),
    ).toMatchObject({
      erased: 1,
    });
    expect(await store.listAttachments(itemId)).toEqual([]);
    expect(existsSync(join(attachmentsDir(), a!.storedName))).toBe(false);
    const sup = fresh();
    await sup.login('supervisor');
    expect((await sup.request(`/intake/attachments/${attachmentId}`)).status).toBe(404);
  });
});
