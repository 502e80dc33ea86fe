import { describe, expect, it } from 'vitest';
import { postKey } from './idempotency.js';
import { postInputSchema } from './item.js';
import { badText, MAX_RECORD_DEPTH, storableIssues } from './storable.js';

describe('storableIssues', () => {
  it('passes ordinary records, Turkish text and paired surrogates (emoji)', () => {
    expect(
      storableIssues({ source: 'a', text: 'Şırnak’ta 😀 ğüşiöç', extra: { list: [1, null, true] } }),
    ).toEqual([]);
    expect(badText('İÇİN 👍🏽')).toBeNull();
  });

  it('finds NUL characters and unpaired surrogates in values and field names, with their path', () => {
    expect(storableIssues({ text: 'a\u0000b' })).toEqual([
      { path: 'text', message: expect.stringMatching(/NUL character \(U\+0000\) at position 1/) },
    ]);
    expect(storableIssues({ a: { b: ['ok', '\udc00x'] } })[0]).toMatchObject({
      path: 'a.b.1',
      message: expect.stringMatching(/unpaired UTF-16 surrogate/),
    });
    expect(storableIssues({ 'x\u0000': 1 })[0]!.message).toMatch(/^field name contains a NUL/);
    expect(storableIssues({ s: 'end\ud83d' })).toHaveLength(1);
  });

  it('refuses nesting beyond the limit without recursing (100,000 levels)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const issues = storableIssues({ deep });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe(`nested deeper than ${MAX_RECORD_DEPTH} levels`);
  });

  it('refuses field names that reach the prototype chain', () => {
    const rec = JSON.parse('{"text":"t","meta":{"__proto__":{"polluted":1}},"constructor":1}') as unknown;
    expect(
      storableIssues(rec)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['constructor', 'meta.__proto__']);
  });

  it('reports at most the requested number of issues', () => {
    expect(
      storableIssues(
        Array.from({ length: 100 }, () => '\u0000'),
        5,
      ),
    ).toHaveLength(5);
  });
});

describe('dates and keys PostgreSQL can store', () => {
  const post = (publishedAt: string) =>
    postInputSchema.safeParse({ source: 's', text: 't', publishedAt }).success;
  it('accepts years 0001 to 9999 in UTC and refuses year 0000 and offsets that leave the range', () => {
    expect(post('0001-01-01')).toBe(true);
    expect(post('2026-03-01T10:00:00+03:00')).toBe(true);
    expect(post('9999-12-31')).toBe(true);
    expect(post('0000-01-01')).toBe(false);
    expect(post('0001-01-01T00:30:00+01:00')).toBe(false);
    expect(post('9999-12-31T23:30:00-01:00')).toBe(false);
  });

  it('hashes an idempotency key too long for the unique index, and only such a key', () => {
    expect(postKey({ source: 'x', externalId: '42', text: '' })).toBe('post:x:42');
    const long = postKey({ source: '😀'.repeat(200), externalId: '😀'.repeat(500), text: '' });
    expect(long).toMatch(/^post:k:[0-9a-f]{64}$/);
  });
});
