/**
 * Floors for claim matching on TrClaim-19 with the shipped settings and the
 * background statistics counted from CheckThat! 2022 (both read from
 * ../shared/datasets; skipped when absent). Reduced scale: two of the five
 * claim folds; the full figures come from `npx tsx workers/cli/eval-nlp.ts`.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimMatchConfigSchema } from '../../src/nlp/claims.js';
import { readBackgroundTweets, readTrClaim, type TrClaim } from '../../workers/cli/claim-data.js';
import {
  type EvalContext,
  evalContext,
  rank,
  type Setting,
  summarise,
  tweetFold,
} from '../../workers/cli/claim-eval.js';

const data = await readTrClaim();
const background = await readBackgroundTweets();
const present = Boolean(data && background);
if (!present)
  console.warn('claim-matching floors skipped: ../shared/datasets (TrClaim-19, CheckThat! 2022) not found');

describe.skipIf(!present)('claim matching on TrClaim-19 (two claim folds, library = all claims)', () => {
  let ctx: EvalContext;
  let shipped: Setting;
  let tweets: number[];
  beforeAll(async () => {
    ctx = evalContext(data as TrClaim, background!);
    const cfg = claimMatchConfigSchema.parse(JSON.parse(await readFile('config/nlp/claims.json', 'utf8')));
    shipped = { cfg, idf: 'background', acronyms: true };
    tweets = (data as TrClaim).tweets.flatMap((t, i) => (tweetFold(t, 5) < 2 ? [i] : []));
  });

  it('ranks the relevant claim first and in the top 5 above the floors; confident links are precise', () => {
    const os = rank(ctx, shipped, tweets);
    const s = summarise(os, shipped.cfg.confident!) as ReturnType<typeof summarise> & {
      precision: number;
      falseMatch: number;
      confident: number;
    };
    expect(s.n).toBeGreaterThan(250);
    expect(s.s1).toBeGreaterThanOrEqual(0.9);
    expect(s.s5).toBeGreaterThanOrEqual(0.98);
    expect(s.confident).toBeGreaterThan(10);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.falseMatch).toBeLessThanOrEqual(0.02);
  }, 60_000);

  it('holds up when the tweets do not repeat the claim word forms, unlike bag of words', () => {
    const s = summarise(rank(ctx, shipped, tweets, { inflected: true }));
    expect(s.s1).toBeGreaterThanOrEqual(0.85);
    expect(s.s5).toBeGreaterThanOrEqual(0.95);
    const bow: Setting = {
      cfg: { prefix: 99, gramMin: 0, gramMax: 0, prefixWeight: 1 },
      idf: 'claims',
      acronyms: false,
    };
    expect(summarise(rank(ctx, bow, tweets, { inflected: true })).s1).toBeLessThan(s.s1 - 0.03);
  }, 60_000);

  it('an example post per claim does not lower success@1 on the other tweets of the claim', () => {
    const rel = new Map<string, number[]>();
    for (const i of tweets)
      for (const c of ctx.data.tweets[i]!.relevant) rel.set(c, [...(rel.get(c) ?? []), i]);
    const examples = new Map<string, number[]>();
    const held: number[] = [];
    for (const [c, ts] of rel)
      if (ts.length >= 2) {
        examples.set(c, [ts[0]!]);
        held.push(...ts.slice(1));
      }
    const without = summarise(rank(ctx, shipped, held));
    const withEx = summarise(rank(ctx, shipped, held, { examples }));
    expect(held.length).toBeGreaterThan(100);
    expect(withEx.s1).toBeGreaterThanOrEqual(without.s1);
  }, 60_000);
});
