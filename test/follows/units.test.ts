import { describe, expect, it } from 'vitest';
import {
  followsFilter,
  followsFormSchema,
  matchesFollows,
  provinces,
} from '../../src/features/follows/follows-input.js';
import { signWebhook } from '../../src/features/follows/webhook-signature.js';
import {
  checkWebhookHost,
  isPrivateAddress,
  parseWebhookUrl,
  WebhookTargetError,
} from '../../src/features/follows/webhook-target.js';
import { verifyWebhook } from './verify-webhook.js';

describe('follows input', () => {
  it('offers the 81 provinces and accepts them in any letter case', () => {
    expect(provinces).toHaveLength(81);
    expect(provinces).toContain('İstanbul');
    const p = followsFormSchema.parse({ province: ['izmir', 'ANKARA'], topicsOther: '' });
    expect(p.provinces).toEqual(['Ankara', 'İzmir']);
  });

  it('merges checked and typed topics, drops duplicates, refuses bad ones and unknown provinces', () => {
    const ok = followsFormSchema.parse({ topic: 'Sağlık', topicsOther: 'sağlık, deprem\nAşı / ilaç' });
    expect(ok.topics).toEqual(['Sağlık', 'deprem', 'Aşı / ilaç']);
    expect(followsFormSchema.safeParse({ topicsOther: 'a"] OR id EXISTS' }).success).toBe(false);
    expect(followsFormSchema.safeParse({ topicsOther: 'x'.repeat(61) }).success).toBe(false);
    const many = Array.from({ length: 51 }, (_, i) => `konu ${i}`).join(',');
    expect(followsFormSchema.safeParse({ topicsOther: many }).success).toBe(false);
    expect(followsFormSchema.safeParse({ province: 'Atlantis' }).success).toBe(false);
    expect(followsFormSchema.parse({})).toEqual({ topics: [], provinces: [] });
  });

  it('matches on a followed topic or province, Turkish-case-insensitively; nothing followed matches nothing', () => {
    const f = { topics: ['sağlık'], provinces: ['İzmir'] };
    expect(matchesFollows(f, { topics: ['SAĞLIK'], province: null })).toBe(true);
    expect(matchesFollows(f, { topics: ['spor'], province: 'izmir' })).toBe(true);
    expect(matchesFollows(f, { topics: ['spor'], province: 'Ankara' })).toBe(false);
    expect(matchesFollows({ topics: [], provinces: [] }, { topics: ['sağlık'], province: 'İzmir' })).toBe(
      false,
    );
  });

  it('builds the same rule as a Meilisearch filter with quoted values', () => {
    expect(followsFilter({ topics: [], provinces: [] })).toBeNull();
    expect(followsFilter({ topics: ['sağlık', 'a"b'], provinces: ['İzmir'] })).toBe(
      'topics IN ["sağlık", "a\\"b"] OR province IN ["İzmir"]',
    );
  });
});

describe('webhook signature', () => {
  it('verifies its own signature and refuses a changed body, a wrong secret or a stale time', () => {
    const body = JSON.stringify({ id: 'x', event: 'response.published' });
    const t = 1_750_000_000;
    const h = signWebhook('whsec_a', body, t);
    expect(h).toMatch(/^t=1750000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('whsec_a', body, h, { now: t + 10 })).toBe(true);
    expect(verifyWebhook('whsec_a', `${body} `, h, { now: t })).toBe(false);
    expect(verifyWebhook('whsec_b', body, h, { now: t })).toBe(false);
    expect(verifyWebhook('whsec_a', body, h, { now: t + 301 })).toBe(false);
    expect(verifyWebhook('whsec_a', body, 'garbage', { now: t })).toBe(false);
  });
});

describe('webhook targets', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:10.0.0.1', true],
    ['93.184.216.34', false],
    ['2606:4700::1111', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('wants https (http only when private targets are allowed) and no credentials', () => {
    expect(() => parseWebhookUrl('http://example.org/h', false)).toThrow(WebhookTargetError);
    expect(parseWebhookUrl('http://127.0.0.1:9/h', true).href).toBe('http://127.0.0.1:9/h');
    expect(() => parseWebhookUrl('https://u:p@example.org/h', false)).toThrow(/credentials/);
    expect(() => parseWebhookUrl('not a url', true)).toThrow(/valid URL/);
    expect(() => parseWebhookUrl('ftp://example.org/', true)).toThrow(/https/);
  });

  it('refuses loopback and private hosts, by address or by name, unless allowed', async () => {
    await expect(checkWebhookHost(new URL('https://127.0.0.1/h'), false)).rejects.toThrow(/private/);
    await expect(checkWebhookHost(new URL('https://[::1]/h'), false)).rejects.toThrow(/private/);
    await expect(checkWebhookHost(new URL('https://localhost/h'), false)).rejects.toThrow(/private/);
    await expect(checkWebhookHost(new URL('http://127.0.0.1/h'), true)).resolves.toBeUndefined();
  });
});
