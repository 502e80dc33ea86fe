import { describe, expect, it } from 'vitest';
import { applicationInputSchema, postInputSchema } from '../domain/item.js';
import { generateDemoData } from './demo-data.js';
import { asciiFold, createRng, isValidIban, isValidTckn, makeIban, makeTckn } from './demo-data-pii.js';

const now = '2026-03-15T12:00:00.000Z';
const data = generateDemoData({ seed: 7, now });

const fold = (s: string) => asciiFold(s.toLocaleLowerCase('tr'));

describe('generateDemoData', () => {
  it('is deterministic for a seed and reference date, and differs between seeds', () => {
    expect(generateDemoData({ seed: 7, now })).toEqual(data);
    expect(generateDemoData({ seed: 8, now }).posts).not.toEqual(data.posts);
  });

  it('produces the default counts and honours explicit ones', () => {
    expect(data.posts.length).toBeGreaterThanOrEqual(220);
    expect(data.applications.length).toBeGreaterThanOrEqual(80);
    const small = generateDemoData({ seed: 1, now, posts: 30, applications: 5 });
    expect(small.posts).toHaveLength(30);
    expect(small.applications).toHaveLength(5);
  });

  it('emits records that pass the input schemas', () => {
    for (const p of data.posts) expect(postInputSchema.safeParse(p).error).toBeUndefined();
    for (const a of data.applications) expect(applicationInputSchema.safeParse(a).error).toBeUndefined();
  });

  it('spreads over provinces, sources, application types and the last 30 days', () => {
    const provinces = new Set([...data.posts, ...data.applications].map((r) => r.province).filter(Boolean));
    expect(provinces.size).toBeGreaterThanOrEqual(12);
    expect(new Set(data.posts.map((p) => p.source)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(data.applications.map((a) => a.type)).size).toBe(5);
    const ref = Date.parse(now);
    for (const t of [
      ...data.posts.map((p) => p.publishedAt),
      ...data.applications.map((a) => a.receivedAt),
    ]) {
      const at = Date.parse(t ?? '');
      expect(at).toBeLessThanOrEqual(ref);
      expect(at).toBeGreaterThan(ref - 31 * 86_400_000);
    }
    expect(data.posts.some((p) => p.lang === 'en')).toBe(true);
  });

  it('gives unique external ids', () => {
    const ids = data.posts.flatMap((p) => (p.externalId ? [`${p.source}/${p.externalId}`] : []));
    expect(new Set(ids).size).toBe(ids.length);
    const appIds = data.applications.map((a) => a.externalId);
    expect(new Set(appIds).size).toBe(appIds.length);
  });

  it('contains near-duplicate rumour waves of 10+ posts across several sources', () => {
    for (const marker of ['keban', 'karbonat', 'cip']) {
      const wave = data.posts.filter((p) => fold(p.text).includes(marker) || p.text.includes(marker));
      expect(wave.length, marker).toBeGreaterThanOrEqual(10);
      expect(new Set(wave.map((p) => p.source)).size, marker).toBeGreaterThan(1);
    }
  });

  it('includes misinformation patterns and known claims', () => {
    const all = data.posts.map((p) => fold(p.text)).join('\n');
    for (const cue of [
      'silinmeden paylas',
      'bedava',
      'afad',
      'valiligi',
      'deprem',
      'asi',
      'bit.ly',
      'iban',
    ]) {
      expect(all, cue).toContain(cue);
    }
    expect(data.claims.length).toBeGreaterThanOrEqual(6);
    expect(data.claims.length).toBeLessThanOrEqual(10);
    expect(new Set(data.claims.map((c) => c.verdict))).toEqual(new Set(['false', 'misleading', 'true']));
  });

  it('puts valid TCKNs, IBANs, phones and e-mails into applications', () => {
    const texts = data.applications.map((a) => a.text).join('\n');
    const tckns = texts.match(/\b[1-9]\d{10}\b/g) ?? [];
    expect(tckns.length).toBeGreaterThan(3);
    for (const t of tckns) expect(isValidTckn(t), t).toBe(true);
    for (const a of data.applications)
      if (a.applicant?.tckn) expect(isValidTckn(a.applicant.tckn)).toBe(true);
    const ibans = texts.match(/\bTR\d{2}(?: ?\d{4}){5} ?\d{2}\b/g) ?? [];
    expect(ibans.length).toBeGreaterThan(0);
    for (const i of ibans) expect(isValidIban(i), i).toBe(true);
    expect(texts).toMatch(/@example\.(com|org|net)/);
    expect(texts).toMatch(/(\+90 |0|\(0)5\d\d/);
  });
});

describe('demo PII generators', () => {
  it('generate checksum-valid TCKNs and IBANs, and the checkers reject corrupted ones', () => {
    const rng = createRng(42);
    for (let i = 0; i < 200; i++) {
      const t = makeTckn(rng);
      expect(isValidTckn(t)).toBe(true);
      expect(isValidTckn(t.slice(0, 10) + String((Number(t[10]) + 1) % 10))).toBe(false);
      const iban = makeIban(rng).replace(/ /g, '');
      expect(iban).toHaveLength(26);
      expect(isValidIban(iban)).toBe(true);
      expect(isValidIban(iban.slice(0, 25) + String((Number(iban[25]) + 1) % 10))).toBe(false);
    }
    expect(isValidTckn('10000000146')).toBe(true);
    expect(isValidIban('TR330006100519786457841326')).toBe(true);
  });
});
