import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually } from '../helpers/app.js';

type ErrorBody = { error: { code: string; message: string } };

describe('ingest API rejects bad input clearly and loses nothing', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let token = '';
  let readOnly = '';

  beforeAll(async () => {
    ctx = await createTestApp('embedded', { INGEST_MAX_BODY_BYTES: '4096', INGEST_MAX_RECORDS: '20' });
    await ctx.app.startWorkers();
    token = (await ctx.app.stores.tokens.create({ name: 'bad-input', scopes: ['ingest', 'read'] })).token;
    readOnly = (await ctx.app.stores.tokens.create({ name: 'reader', scopes: ['read'] })).token;
    const res = await post(
      JSON.stringify([{ source: 'ilk', text: 'önceden kabul edilmiş kayıt', externalId: 'kept-1' }]),
    );
    expect(res.status).toBe(200);
  });
  afterAll(() => ctx.dispose());

  const post = (body: string | Uint8Array, headers: Record<string, string> = {}, auth = `Bearer ${token}`) =>
    ctx.app.web.request('/api/v1/posts', {
      method: 'POST',
      body,
      headers: { authorization: auth, 'content-type': 'application/json', ...headers },
    });
  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
  };

  it('answers 400 malformed_json for broken JSON', async () => {
    await expectError(await post('[{"source": "a", "text": '), 400, 'malformed_json');
  });

  it('reports wrong types per record by index and accepts the valid ones', async () => {
    const res = await post(
      JSON.stringify([
        { source: 'a', text: 'geçerli kayıt bir' },
        { source: 42, text: 'kaynak sayı' },
        { source: 'a' },
        { source: 'a', text: 'geçerli kayıt iki', url: 'javascript:alert(1)' },
        'düz metin',
      ]),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: number;
      rejected: { index: number; errors: { path: string }[] }[];
    };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(body.rejected[0]!.errors[0]!.path).toBe('source');
    expect(body.rejected[1]!.errors[0]!.path).toBe('text');
    expect(body.rejected[2]!.errors[0]!.path).toBe('url');
  });

  it('answers 422 when every record is rejected', async () => {
    const res = await post(JSON.stringify([{ text: 'kaynak yok' }]));
    expect(res.status).toBe(422);
  });

  it('reports a malformed NDJSON line by index and keeps the others', async () => {
    const res = await post('{"source":"n","text":"satır bir"}\n{bozuk\n{"source":"n","text":"satır üç"}\n', {
      'content-type': 'application/x-ndjson',
    });
    const body = (await res.json()) as { accepted: number; rejected: { index: number }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => r.index)).toEqual([1]);
  });

  it('answers 413 for an oversize body and for too many records', async () => {
    const big = JSON.stringify([{ source: 'a', text: 'x'.repeat(5000) }]);
    await expectError(await post(big), 413, 'payload_too_large');
    const many = JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ source: 'a', text: `t${i}` })));
    await expectError(await post(many), 413, 'too_many_records');
  });

  it('answers 400 invalid_encoding for invalid UTF-8', async () => {
    const bytes = new Uint8Array([0x5b, 0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x5d]);
    await expectError(await post(bytes), 400, 'invalid_encoding');
  });

  it('answers 415 for an unsupported content type', async () => {
    await expectError(
      await post('source,text\na,b', { 'content-type': 'text/csv' }),
      415,
      'unsupported_media_type',
    );
  });

  it('answers 401 without a token or with a wrong one, 403 without the scope', async () => {
    await expectError(await post('[]', {}, ''), 401, 'token_missing');
    await expectError(await post('[]', {}, 'Basic abc'), 401, 'token_malformed');
    await expectError(await post('[]', {}, 'Bearer kpr_not-a-real-token'), 401, 'token_invalid');
    await expectError(await post('[]', {}, `Bearer ${readOnly}`), 403, 'forbidden');
  });

  it('answers 400 for invalid search parameters and 404 JSON for unknown routes', async () => {
    const bad = await ctx.app.web.request('/api/v1/items?limit=-1', {
      headers: { authorization: `Bearer ${token}` },
    });
    await expectError(bad, 400, 'validation_failed');
    await expectError(await ctx.app.web.request('/api/v1/nope'), 404, 'not_found');
  });

  it('still serves, and nothing accepted earlier was lost', async () => {
    const res = await post(JSON.stringify([{ source: 'son', text: 'hatalardan sonra geçerli kayıt' }]));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
    const items = ctx.app.stores.items;
    await eventually('everything indexed', async () => {
      const s = await items.countByStage();
      return s.received === 0 && s.tagged === 0;
    });
    // 1 before + 1 (types) + 2 (ndjson) + 1 now
    expect(await items.count()).toBe(5);
    const search = await ctx.app.web.request('/api/v1/items?q=kabul', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await search.json()) as { total: number }).total).toBe(1);
    expect((await ctx.app.web.request('/healthz')).status).toBe(200);
  });
});
