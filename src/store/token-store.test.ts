import { describe, expect, it } from 'vitest';
import { createTokenStore } from './token-store.js';

/** A database that answers the token check after `release()`, counting the checks. */
type Row = { id: string; name: string; scopes: string[]; expires_at: null };
function slowDb(rowFor: Row | null | ((check: number) => Row | null)) {
  let checks = 0;
  const waiting: (() => void)[] = [];
  const db = {
    async query(sql: string) {
      if (/UPDATE api_tokens SET revoked_at/.test(sql)) return { rows: [] };
      const n = ++checks;
      await new Promise<void>((r) => waiting.push(r));
      const row = typeof rowFor === 'function' ? rowFor(n) : rowFor;
      return { rows: row ? [row] : [] };
    },
  } as unknown as Parameters<typeof createTokenStore>[0];
  return {
    db,
    checks: () => checks,
    release: () => {
      for (const r of waiting.splice(0)) r();
    },
  };
}

const TOKEN = `kpr_${'a'.repeat(43)}`;
const ROW = { id: 't1', name: 'load', scopes: ['read'], expires_at: null };

describe('token checks under concurrency', () => {
  it('requests that arrive while a token is being checked share that one check', async () => {
    const d = slowDb(ROW);
    const store = createTokenStore(d.db, { cacheMs: 5000 });
    const all = Array.from({ length: 200 }, () => store.verify(TOKEN));
    await new Promise((r) => setTimeout(r, 10));
    expect(d.checks()).toBe(1);
    d.release();
    const out = await Promise.all(all);
    expect(out.every((p) => p?.id === 't1')).toBe(true);
    // Cached now: no further check.
    expect((await store.verify(TOKEN))?.id).toBe('t1');
    expect(d.checks()).toBe(1);
  });

  it('a check that began before a revocation never fills the cache, and later requests check again', async () => {
    // The first check reads the row as it was before the revocation; later ones find it revoked.
    const d = slowDb((n) => (n === 1 ? ROW : null));
    const store = createTokenStore(d.db, { cacheMs: 5000 });
    const before = store.verify(TOKEN);
    await new Promise((r) => setTimeout(r, 5));
    await store.revoke('t1');
    const after = store.verify(TOKEN);
    await new Promise((r) => setTimeout(r, 5));
    // The request after the revocation did not join the earlier check.
    expect(d.checks()).toBe(2);
    d.release();
    expect((await before)?.id).toBe('t1');
    expect(await after).toBeNull();
    // The earlier check did not cache the revoked token.
    const third = store.verify(TOKEN);
    await new Promise((r) => setTimeout(r, 5));
    expect(d.checks()).toBe(3);
    d.release();
    expect(await third).toBeNull();
  });

  it('without a cache every request checks the database', async () => {
    const d = slowDb(ROW);
    const store = createTokenStore(d.db, { cacheMs: 0 });
    const all = Array.from({ length: 5 }, () => store.verify(TOKEN));
    await new Promise((r) => setTimeout(r, 10));
    expect(d.checks()).toBe(5);
    d.release();
    await Promise.all(all);
  });
});
