import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';

/** The load-shedding settings reach the ingest API of the assembled app (config, store count, metrics). */
describe('ingest API sheds load as configured', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let token = '';

  beforeAll(async () => {
    // No workers: nothing becomes searchable, so the backlog only grows.
    ctx = await createTestApp('embedded', { INGEST_MAX_BACKLOG: '3', INGEST_RETRY_AFTER_SECONDS: '12' });
    token = (await ctx.app.stores.tokens.create({ name: 'load', scopes: ['ingest'] })).token;
  });
  afterAll(() => ctx.dispose());

  const post = (records: unknown[]) =>
    ctx.app.web.request('/api/v1/posts', {
      method: 'POST',
      body: JSON.stringify(records),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });

  it('answers 503 with Retry-After past INGEST_MAX_BACKLOG, stores nothing, and counts it in /metrics', async () => {
    const first = await post([1, 2, 3].map((i) => ({ source: 'yük', text: `bekleyen kayıt ${i}` })));
    expect(first.status).toBe(200);
    const before = await ctx.app.stores.items.count();
    const res = await post([{ source: 'yük', text: 'fazladan kayıt' }]);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('12');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ingest_backlog_full');
    expect(body.error.message).toMatch(/retry later/);
    expect(await ctx.app.stores.items.count()).toBe(before);
    const metrics = await (await ctx.app.web.request('/metrics')).text();
    expect(metrics).toMatch(/kopru_ingest_shed_total\{reason="backlog"\} 1/);
  });
});
