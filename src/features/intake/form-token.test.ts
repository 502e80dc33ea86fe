import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { createFormTokens } from './form-token.js';

const key = async () => 'k'.repeat(43);

describe('intake form tokens', () => {
  it('accept a fresh token sent as both field and cookie, refuse tampering, mismatch and age', async () => {
    let t = 1_700_000_000_000;
    const tokens = createFormTokens({ key, maxAgeMs: 60_000, now: () => t });
    const headers = new Map<string, string>();
    const c = {
      req: { url: 'http://127.0.0.1/basvuru', raw: { headers: new Headers() }, header: () => undefined },
      header: (k: string, v: string) => headers.set(k, v),
    } as unknown as Context;
    const token = await tokens.issue(c);
    expect(token.split('.')).toHaveLength(3);
    expect(await tokens.valid(token, token)).toBe('ok');
    expect(await tokens.valid(undefined, token)).toBe('missing');
    expect(await tokens.valid(token, undefined)).toBe('missing');
    const [ts, nonce, sig] = token.split('.');
    const other = `${ts}.${nonce}A.${sig}`;
    expect(await tokens.valid(other, other)).toBe('invalid');
    expect(await tokens.valid(token, other)).toBe('invalid');
    const signedElsewhere = createFormTokens({ key: async () => 'other-key', now: () => t });
    expect(await signedElsewhere.valid(token, token)).toBe('invalid');
    t += 60_001;
    expect(await tokens.valid(token, token)).toBe('expired');
  });
});
