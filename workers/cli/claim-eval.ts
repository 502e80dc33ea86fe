/**
 * Claim-matching evaluation on TrClaim-19 (used by eval-nlp.ts and the floors
 * test): ranks tweets against the claim library under one setting, with
 * optional example posts, and summarises success@k, false matches and the
 * confident rule. Tweets and claims are normalised once per context.
 */
import { claimDocumentText } from '../../src/nlp/claim-aliases.js';
import { buildBackground, type ClaimBackground } from '../../src/nlp/claim-background.js';
import type { ClaimFeatureSpec } from '../../src/nlp/claim-features.js';
import { type ClaimMatchConfig, claimMatchConfigSchema, createClaimIndex } from '../../src/nlp/claims.js';
import { fnv1a } from '../../src/nlp/minhash.js';
import { type Normalised, normalise } from '../../src/nlp/normalise.js';
import type { TrClaim } from './claim-data.js';

/** One way of matching: parameters, where IDF comes from, whether claim acronyms are indexed. */
export interface Setting {
  cfg: Partial<ClaimMatchConfig>;
  idf: 'background' | 'claims';
  acronyms: boolean;
}

/** The outcome for one tweet. */
export interface Outcome {
  tweet: number;
  positive: boolean;
  /** Rank (0-based) of the first relevant claim in the top 5, -1 if absent. */
  rank: number;
  s1: number;
  s2: number;
  /** Share of the best claim document's weight found in the tweet. */
  cov: number;
}

/** Normalised data and background statistics, computed once. */
export function evalContext(data: TrClaim, backgroundTexts: string[]) {
  const tweetNorm = data.tweets.map((t) => normalise(t.text));
  let inflected: Normalised[] | null = null;
  const claimNorm = new Map<boolean, Normalised[]>();
  const bgCache = new Map<string, ClaimBackground>();
  const bgNorm = backgroundTexts;
  return {
    data,
    tweetNorm,
    /** The tweets with word endings changed (see `reinflect`), a proxy for posts that do not copy the claim's wording. */
    get inflectedNorm(): Normalised[] {
      inflected ??= data.tweets.map((t) => normalise(reinflect(t.text)));
      return inflected;
    },
    claimNorms(acr: boolean): Normalised[] {
      let c = claimNorm.get(acr);
      if (!c) {
        c = data.claims.map((x) => normalise(claimDocumentText(x, acr)));
        claimNorm.set(acr, c);
      }
      return c;
    },
    background(spec: ClaimFeatureSpec): ClaimBackground {
      const key = `${spec.prefix}/${spec.gramMin}/${spec.gramMax}`;
      let b = bgCache.get(key);
      if (!b) {
        b = buildBackground(bgNorm, spec);
        bgCache.set(key, b);
      }
      return b;
    },
  };
}
export type EvalContext = ReturnType<typeof evalContext>;

const ENDINGS = ['lar', 'ler', 'da', 'de', 'dan', 'den', 'ı', 'i', 'ın', 'in', 'u', 'ü'];
const BACK = ['ları', 'da', 'ın', 'dan', 'dı'];
const FRONT = ['leri', 'de', 'in', 'den', 'di'];

/**
 * Deterministically re-inflects about half of the words of 6+ letters: a
 * common ending is removed, or another suffix appended. Turkish posts rarely
 * repeat a claim's exact word forms; TrClaim-19 tweets often do.
 */
export function reinflect(text: string): string {
  return text.replace(/\p{L}{6,}/gu, (w) => {
    const h = fnv1a(w);
    if (h % 2 === 0) return w;
    const lower = w.toLocaleLowerCase('tr');
    const end = ENDINGS.find((e) => lower.endsWith(e) && lower.length - e.length >= 4);
    if (end && (h >>> 1) % 2 === 0) return w.slice(0, w.length - end.length);
    const vowels = lower.match(/[aıoueiöü]/g);
    const back = vowels ? 'aıou'.includes(vowels[vowels.length - 1]!) : true;
    return w + (back ? BACK : FRONT)[(h >>> 2) % 5]!;
  });
}

/** Fold (0..k-1) of a claim: a hash of its id, so folds are split by claim. */
export const claimFold = (id: string, k: number) => fnv1a(`fold:${id}`) % k;
/** Fold of a tweet: that of its relevant claim, or of the claim it was judged against. */
export const tweetFold = (t: TrClaim['tweets'][number], k: number) =>
  claimFold(t.relevant[0] ?? t.paired[0]!, k);

/** Ranks the given tweets; `library` restricts the claims, `examples` maps claim id → tweet indices. */
export function rank(
  ctx: EvalContext,
  s: Setting,
  tweets: number[],
  opts: { library?: Set<string>; examples?: Map<string, number[]>; inflected?: boolean } = {},
): Outcome[] {
  const queries = opts.inflected ? ctx.inflectedNorm : ctx.tweetNorm;
  const cfg = claimMatchConfigSchema.parse(s.cfg);
  const spec = { prefix: cfg.prefix, gramMin: cfg.gramMin, gramMax: cfg.gramMax };
  const norms = ctx.claimNorms(s.acronyms);
  const claims = ctx.data.claims
    .map((c, i) => ({
      id: c.id,
      norm: norms[i]!,
      examples: (opts.examples?.get(c.id) ?? []).map((t) => ctx.tweetNorm[t]!),
    }))
    .filter((c) => !opts.library || opts.library.has(c.id));
  const index = createClaimIndex(claims, cfg, s.idf === 'background' ? ctx.background(spec) : null);
  return tweets.map((ti) => {
    const rel = ctx.data.tweets[ti]!.relevant;
    const m = index.match(queries[ti]!);
    return {
      tweet: ti,
      positive: rel.length > 0,
      rank: m.findIndex((x) => rel.includes(x.claimId)),
      s1: m[0]?.score ?? 0,
      s2: m[1]?.score ?? 0,
      cov: m[0]?.coverage ?? 0,
    };
  });
}

/** A confident rule: best score, lead over the second, coverage of the claim. */
export interface Rule {
  minScore: number;
  minMargin: number;
  minCoverage: number;
}
export const isConfident = (o: Outcome, r: Rule) =>
  o.s1 >= r.minScore && o.s1 - o.s2 >= r.minMargin && o.cov >= r.minCoverage;

/** success@1/@5 over positives; the rule's precision (wrong = confident on a wrong claim or a negative), coverage, false-match rate. */
export function summarise(os: Outcome[], rule?: Rule) {
  const pos = os.filter((o) => o.positive);
  const neg = os.filter((o) => !o.positive);
  const s1 = pos.filter((o) => o.rank === 0).length / (pos.length || 1);
  const s5 = pos.filter((o) => o.rank >= 0).length / (pos.length || 1);
  if (!rule) return { s1, s5, n: pos.length, nNeg: neg.length };
  const conf = os.filter((o) => isConfident(o, rule));
  const right = conf.filter((o) => o.positive && o.rank === 0).length;
  return {
    s1,
    s5,
    n: pos.length,
    nNeg: neg.length,
    confident: conf.length,
    right,
    precision: conf.length ? right / conf.length : 1,
    coverage: right / (pos.length || 1),
    falseMatch: neg.filter((o) => isConfident(o, rule)).length / (neg.length || 1),
  };
}

/**
 * The rule with the most correct confident matches whose precision on `os`
 * is at least `target` with at least `minCount` confident matches; ties go
 * to the stricter rule.
 */
export function calibrate(os: Outcome[], target: number, minCount = 20): Rule {
  let best: Rule = { minScore: 1, minMargin: 1, minCoverage: 1 };
  let bestRight = -1;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  for (let a = 0.3; a <= 0.951; a += 0.05)
    for (let b = 0; b <= 0.501; b += 0.05)
      for (const c of [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
        const r = { minScore: r3(a), minMargin: r3(b), minCoverage: c };
        let conf = 0;
        let right = 0;
        for (const o of os)
          if (isConfident(o, r)) {
            conf++;
            if (o.positive && o.rank === 0) right++;
          }
        if (conf < minCount || right / conf < target) continue;
        if (right >= bestRight) {
          best = r;
          bestRight = right;
        }
      }
  return best;
}
