import { describe, expect, it } from 'vitest';
import { checkAttachment, sanitiseFileName } from './attachment-check.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const JPEG = Buffer.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  ...Array(32).fill(0),
]);
const check = (name: string, type: string, bytes: Uint8Array, max = 10_000) =>
  checkAttachment({ name, type, bytes }, max);

describe('attachment check', () => {
  it('accepts PDF, JPEG and PNG whose name and declared type agree with the bytes', async () => {
    expect(await check('a.pdf', 'application/pdf', PDF)).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
    });
    expect(await check('A.JPG', 'image/jpeg', JPEG)).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(await check('b.jpeg', '', JPEG)).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(await check('c.png', 'application/octet-stream', PNG)).toMatchObject({
      ok: true,
      contentType: 'image/png',
    });
  });

  it('refuses forged, unknown, empty and large files', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03'), Buffer.alloc(100)]);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect(await check('x.pdf', 'application/pdf', html)).toMatchObject({
      ok: false,
      problem: 'type_not_allowed',
    });
    expect(await check('x.pdf', 'application/pdf', exe)).toMatchObject({
      ok: false,
      problem: 'type_not_allowed',
    });
    expect(await check('x.pdf', 'application/pdf', zip)).toMatchObject({
      ok: false,
      problem: 'type_not_allowed',
    });
    expect(await check('x.pdf', 'application/pdf', PNG)).toMatchObject({
      ok: false,
      problem: 'type_mismatch',
    });
    expect(await check('x.png', 'application/pdf', PNG)).toMatchObject({
      ok: false,
      problem: 'type_mismatch',
    });
    expect(await check('x.png.exe', 'image/png', PNG)).toMatchObject({ ok: false, problem: 'type_mismatch' });
    expect(await check('x', 'image/png', PNG)).toMatchObject({ ok: false, problem: 'type_mismatch' });
    expect(await check('x.pdf', 'application/pdf', new Uint8Array())).toMatchObject({
      ok: false,
      problem: 'empty',
    });
    expect(await check('x.pdf', 'application/pdf', PDF, 4)).toMatchObject({
      ok: false,
      problem: 'too_large',
    });
  });

  it('keeps only a safe last segment of the client file name', () => {
    expect(sanitiseFileName('C:\\Users\\ali\\dilekçe.pdf')).toBe('dilekçe.pdf');
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('..hidden.pdf')).toBe('hidden.pdf');
    expect(sanitiseFileName('a"b<c>\u0000\u202e.pdf')).toBe('a_b_c___.pdf');
    expect(sanitiseFileName('')).toBe('dosya');
    expect(sanitiseFileName(`${'x'.repeat(300)}.pdf`).length).toBeLessThanOrEqual(150);
  });
});
