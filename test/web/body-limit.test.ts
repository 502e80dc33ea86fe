import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUiFixture, type UiFixture } from './fixture.js';

// The shell's limit is the intake form's attachments plus 1 MiB: here 1 KiB + 1 MiB.
let f: UiFixture;
beforeAll(async () => {
  f = await createUiFixture({ INTAKE_MAX_FILES: '1', INTAKE_MAX_FILE_BYTES: '1024' });
});
afterAll(() => f?.dispose());

const multipart = (bytes: number) => {
  const form = new FormData();
  form.append('_csrf', 'x');
  form.append('file', new Blob([new Uint8Array(bytes)]), 'big.pdf');
  return form;
};

describe('request body limit of the pages', () => {
  it('refuses an oversize form with 413 before anything reads it, signed in or not', async () => {
    const staff = client(f);
    expect((await staff.login('staff')).status).toBe(303);
    for (const c of [staff, client(f)]) {
      const res = await c.request('/queue/saved', { method: 'POST', body: multipart(2 * 1024 * 1024) });
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('İstek çok büyük');
    }
  });

  it('lets a form within the limit through to the CSRF check and the handler', async () => {
    const staff = client(f);
    await staff.login('staff');
    const bad = await staff.request('/queue/saved', { method: 'POST', body: multipart(10) });
    expect(bad.status).toBe(403);
    const ok = await staff.post('/queue/saved', { name: 'Baraj', query: 'q=baraj' });
    expect(ok.status).toBeLessThan(400);
  });
});
