/** The later tables of eval-nlp.ts: library size, example posts, the confident rule and the risk threshold. */
import { claimMatchConfigSchema } from '../../src/nlp/claims.js';
import {
  calibrate,
  claimFold,
  type EvalContext,
  type Outcome,
  type Rule,
  rank,
  type Setting,
  summarise,
} from './claim-eval.js';

type Log = (s: string) => void;
const f = (x: number) => x.toFixed(3);
const ruleOf = (s: Setting): Rule => claimMatchConfigSchema.parse(s.cfg).confident;

/** Same tweets, library = the claims of their fold only vs all claims. */
export function libraryReport(ctx: EvalContext, s: Setting, fold: number[], k: number, log: Log): void {
  log('\n| library | claims | success@1 | success@5 |\n|---|---|---|---|');
  let small = { hit1: 0, hit5: 0, n: 0, claims: 0 };
  let full = { hit1: 0, hit5: 0 };
  const all = rank(
    ctx,
    s,
    ctx.data.tweets.map((_, i) => i),
  );
  for (let j = 0; j < k; j++) {
    const lib = new Set(ctx.data.claims.filter((c) => claimFold(c.id, k) === j).map((c) => c.id));
    const tw = fold.flatMap((x, i) => (x === j ? [i] : []));
    const os = rank(ctx, s, tw, { library: lib }).filter((o) => o.positive);
    small = {
      hit1: small.hit1 + os.filter((o) => o.rank === 0).length,
      hit5: small.hit5 + os.filter((o) => o.rank >= 0).length,
      n: small.n + os.length,
      claims: small.claims + lib.size,
    };
    const fo = all.filter((o) => fold[o.tweet] === j && o.positive);
    full = {
      hit1: full.hit1 + fo.filter((o) => o.rank === 0).length,
      hit5: full.hit5 + fo.filter((o) => o.rank >= 0).length,
    };
  }
  log(
    `| claims of the tweet's fold only | ≈${Math.round(small.claims / k)} | ${f(small.hit1 / small.n)} | ${f(small.hit5 / small.n)} |`,
  );
  log(
    `| all ${ctx.data.claims.length} claims | ${ctx.data.claims.length} | ${f(full.hit1 / small.n)} | ${f(full.hit5 / small.n)} |`,
  );
}

/**
 * Example posts: each relevant tweet is held out in turn and up to `n` other
 * relevant tweets of its claim become examples (TrClaim-19 has at most three
 * relevant tweets per claim, so at most two examples remain).
 */
export function examplesReport(ctx: EvalContext, s: Setting, log: Log): Map<number, Outcome[]> {
  const rel = new Map<string, number[]>();
  ctx.data.tweets.forEach((t, i) => {
    for (const c of t.relevant) rel.set(c, [...(rel.get(c) ?? []), i]);
  });
  const negatives = ctx.data.tweets.flatMap((t, i) => (t.relevant.length ? [] : [i]));
  const rule = ruleOf(s);
  const byN = new Map<number, Outcome[]>();
  log(
    '\n| examples per claim | held-out tweets | success@1 without → with | success@5 without → with | confident precision | coverage | false-match rate |\n|---|---|---|---|---|---|---|',
  );
  for (const n of [1, 2]) {
    const withEx: Outcome[] = [];
    const without: Outcome[] = [];
    let negOut: Outcome[] = [];
    for (let r = 0; r < 3; r++) {
      const examples = new Map<string, number[]>();
      const held: number[] = [];
      for (const [c, ts] of rel) {
        if (ts.length < n + 1 || r >= ts.length) continue;
        held.push(ts[r]!);
        examples.set(c, ts.filter((_, i) => i !== r).slice(0, n));
      }
      withEx.push(...rank(ctx, s, [...held, ...(r === 0 ? negatives : [])], { examples }));
      without.push(...rank(ctx, s, held));
      if (r === 0) negOut = withEx.filter((o) => !o.positive);
    }
    const a = summarise(without);
    const b = summarise(withEx, rule) as ReturnType<typeof summarise> & {
      precision: number;
      coverage: number;
      falseMatch: number;
    };
    byN.set(n, withEx);
    log(
      `| ${n} | ${a.n} | ${f(a.s1)} → ${f(b.s1)} | ${f(a.s5)} → ${f(b.s5)} | ${f(b.precision)} | ${f(b.coverage)} | ${f(b.falseMatch)} (${negOut.length} negatives) |`,
    );
  }
  return byN;
}

/** The confident rule: shipped rule on all tweets and per fold, and a rule recalibrated on four folds measured on the fifth. */
export function confidenceReport(
  ctx: EvalContext,
  s: Setting,
  os: Outcome[],
  fold: number[],
  k: number,
  log: Log,
): void {
  void ctx;
  const rule = ruleOf(s);
  type Full = {
    confident: number;
    right: number;
    precision: number;
    coverage: number;
    falseMatch: number;
    nNeg: number;
  };
  const show = (label: string, r: Full) =>
    log(
      `| ${label} | ${r.confident} | ${f(r.precision)} | ${f(r.coverage)} | ${f(r.falseMatch)} (${Math.round(r.falseMatch * r.nNeg)}/${r.nNeg}) |`,
    );
  log(
    '\n| confident rule | confident | precision | coverage (of relevant tweets) | false-match rate (no relevant claim) |\n|---|---|---|---|---|',
  );
  show(
    `shipped: score ≥ ${rule.minScore}, lead ≥ ${rule.minMargin}, coverage ≥ ${rule.minCoverage}, all tweets`,
    summarise(os, rule) as Full,
  );
  for (let j = 0; j < k; j++)
    show(
      `shipped, fold ${j}`,
      summarise(
        os.filter((o) => fold[o.tweet] === j),
        rule,
      ) as Full,
    );
  for (const target of [0.95, 0.98, 0.99]) {
    const held: Outcome[] = [];
    const rules: string[] = [];
    let conf = 0;
    let right = 0;
    for (let j = 0; j < k; j++) {
      const r = calibrate(
        os.filter((o) => fold[o.tweet] !== j),
        target,
      );
      rules.push(`${r.minScore}/${r.minMargin}/${r.minCoverage}`);
      const h = summarise(
        os.filter((o) => fold[o.tweet] === j),
        r,
      ) as Full;
      conf += h.confident;
      right += h.right;
      held.push(...os.filter((o) => fold[o.tweet] === j));
    }
    const pos = held.filter((o) => o.positive).length;
    const onAll = calibrate(os, target);
    log(
      `| calibrated for ≥ ${target} on 4 folds, measured on the 5th (score/lead/coverage ${rules.join(', ')}) | ${conf} | ${f(conf ? right / conf : 1)} | ${f(right / pos)} | – |`,
    );
    const a = summarise(os, onAll) as Full;
    log(
      `| calibrated for ≥ ${target} on all: score ≥ ${onAll.minScore}, lead ≥ ${onAll.minMargin}, coverage ≥ ${onAll.minCoverage} (in-sample) | ${a.confident} | ${f(a.precision)} | ${f(a.coverage)} | ${f(a.falseMatch)} |`,
    );
  }
}

/** How often a top match above a score is right, and how often tweets without a relevant claim reach it. */
export function riskReport(os: Outcome[], log: Log): void {
  const neg = os.filter((o) => !o.positive);
  log(
    '\n| top score ≥ | top match right (precision) | relevant tweets reached | tweets with no relevant claim reached |\n|---|---|---|---|',
  );
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]) {
    const above = os.filter((o) => o.s1 >= t);
    const right = above.filter((o) => o.positive && o.rank === 0).length;
    const pos = os.filter((o) => o.positive).length;
    log(
      `| ${t} | ${f(above.length ? right / above.length : 1)} | ${f(right / pos)} | ${f(neg.filter((o) => o.s1 >= t).length / neg.length)} |`,
    );
  }
}
