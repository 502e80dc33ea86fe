/**
 * `npx tsx workers/cli/eval-nlp.ts [--data DIR] [--background DIR] [--quick]`:
 * claim matching on TrClaim-19 with IDF from the CheckThat! 2022 Turkish
 * train tweets. Settings are compared over 5 folds split by claim (tuned =
 * best on all tweets, robust = chosen on four folds, measured on the fifth);
 * then example posts, the confident rule and the risk threshold. Prints
 * Markdown tables for NLP.md.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { claimMatchConfigSchema } from '../../src/nlp/claims.js';
import { CHECKTHAT_DIR, readBackgroundTweets, readTrClaim, TRCLAIM_DIR } from './claim-data.js';
import { evalContext, rank, type Setting, summarise, tweetFold } from './claim-eval.js';
import { confidenceReport, examplesReport, libraryReport, riskReport } from './eval-claims-report.js';

const K = 5;
const f = (x: number) => x.toFixed(3);
const log = (s: string) => process.stdout.write(`${s}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: TRCLAIM_DIR },
      background: { type: 'string', default: CHECKTHAT_DIR },
      quick: { type: 'boolean', default: false },
      'no-grid': { type: 'boolean', default: false },
    },
  });
  const data = await readTrClaim(values.data);
  const bg = await readBackgroundTweets(values.background);
  if (!data || !bg) {
    process.stderr.write(
      `eval-nlp: TrClaim-19 (${values.data}) or CheckThat! 2022 (${values.background}) not found\n`,
    );
    process.exit(1);
  }
  const ctx = evalContext(data, bg);
  const all = data.tweets.map((_, i) => i);
  const fold = data.tweets.map((t) => tweetFold(t, K));
  log(
    `${data.claims.length} claims, ${all.length} tweets (${data.tweets.filter((t) => t.relevant.length).length} with a relevant claim), background ${bg.length} tweets`,
  );

  const name = (s: Setting) =>
    `${s.cfg.prefix === 99 ? 'words' : `P${s.cfg.prefix}`} × ${s.cfg.gramMax ? `${s.cfg.gramMin}–${s.cfg.gramMax}-grams` : 'no grams'}, w ${s.cfg.prefixWeight}, IDF ${s.idf}${s.acronyms ? '' : ', no acronyms'}`;
  const foldS1 = (os: ReturnType<typeof rank>, k: number) =>
    summarise(os.filter((o) => fold[o.tweet] === k)).s1;

  const grid: Setting[] = [];
  if (!values['no-grid']) {
    const pres = values.quick ? [5] : [5, 6, 99];
    const grams = values.quick
      ? [[3, 5]]
      : [
          [3, 5],
          [4, 4],
          [4, 5],
          [5, 5],
        ];
    for (const prefix of pres)
      for (const [gramMin, gramMax] of grams)
        for (const prefixWeight of values.quick ? [0.3] : [0.2, 0.3, 0.5])
          grid.push({ cfg: { prefix, gramMin, gramMax, prefixWeight }, idf: 'background', acronyms: true });
    if (!values.quick) {
      for (const [gramMin, gramMax] of grams)
        grid.push({
          cfg: { prefix: 5, gramMin, gramMax, prefixWeight: 0 },
          idf: 'background',
          acronyms: true,
        });
      for (const prefix of pres)
        grid.push({
          cfg: { prefix, gramMin: 0, gramMax: 0, prefixWeight: 1 },
          idf: 'background',
          acronyms: true,
        });
    }
    const results = grid.map((s) => {
      const os = rank(ctx, s, all);
      const folds = Array.from({ length: K }, (_, k) => foldS1(os, k));
      const mean = folds.reduce((a, b) => a + b, 0) / K;
      const sd = Math.sqrt(folds.reduce((a, b) => a + (b - mean) ** 2, 0) / K);
      const infl = summarise(rank(ctx, s, all, { inflected: true }));
      return { s, os, all: summarise(os), folds, mean, sd, min: Math.min(...folds), infl };
    });
    log(
      '\n| setting | success@1 (all) | success@5 | fold success@1 mean ± sd | worst fold | success@1, tweets re-inflected |\n|---|---|---|---|---|---|',
    );
    for (const r of [...results].sort((a, b) => b.all.s1 - a.all.s1))
      log(
        `| ${name(r.s)} | ${f(r.all.s1)} | ${f(r.all.s5)} | ${f(r.mean)} ± ${f(r.sd)} | ${f(r.min)} | ${f(r.infl.s1)} |`,
      );
    const steady = results.reduce((a, b) =>
      Math.min(b.mean - b.sd, b.infl.s1) > Math.min(a.mean - a.sd, a.infl.s1) ? b : a,
    );
    log(
      `\nbest min(fold mean − sd, re-inflected): ${name(steady.s)}: ${f(steady.all.s1)} / re-inflected ${f(steady.infl.s1)}`,
    );

    log('\n| best per word feature | success@1 | success@5 | fold mean ± sd |\n|---|---|---|---|');
    for (const p of pres) {
      const r = results.filter((x) => x.s.cfg.prefix === p).reduce((a, b) => (b.all.s1 > a.all.s1 ? b : a));
      log(`| ${name(r.s)} | ${f(r.all.s1)} | ${f(r.all.s5)} | ${f(r.mean)} ± ${f(r.sd)} |`);
    }
    const tuned = results.reduce((a, b) => (b.all.s1 > a.all.s1 ? b : a));
    const robust = results.reduce((a, b) => (b.mean - b.sd > a.mean - a.sd ? b : a));
    // Nested: choose on four folds, measure on the fifth.
    let hit = 0;
    let n = 0;
    const chosen: string[] = [];
    for (let k = 0; k < K; k++) {
      const inner = results.reduce((a, b) =>
        summarise(b.os.filter((o) => fold[o.tweet] !== k)).s1 >
        summarise(a.os.filter((o) => fold[o.tweet] !== k)).s1
          ? b
          : a,
      );
      chosen.push(name(inner.s));
      const held = inner.os.filter((o) => fold[o.tweet] === k && o.positive);
      hit += held.filter((o) => o.rank === 0).length;
      n += held.length;
    }
    log(`\ntuned on all tweets: ${name(tuned.s)}: success@1 ${f(tuned.all.s1)}, @5 ${f(tuned.all.s5)}`);
    log(
      `robust (chosen on 4 folds, measured on the 5th, pooled): success@1 ${f(hit / n)}; chosen: ${chosen.join(' | ')}`,
    );
    log(
      `best mean − sd over folds: ${name(robust.s)}: success@1 ${f(robust.all.s1)}, folds ${robust.folds.map(f).join(' ')}`,
    );
  }

  const shipped: Setting = {
    cfg: claimMatchConfigSchema.parse(JSON.parse(await readFile('config/nlp/claims.json', 'utf8'))),
    idf: 'background',
    acronyms: true,
  };
  log(`\nshipped (config/nlp/claims.json): ${name(shipped)}`);
  const baselines: [string, Setting][] = [
    [
      'bag of words, IDF from claims',
      { cfg: { prefix: 99, gramMin: 0, gramMax: 0, prefixWeight: 1 }, idf: 'claims', acronyms: false },
    ],
    [
      'previous matcher (words 0.3 + 4-grams, IDF from claims)',
      { cfg: { prefix: 99, gramMin: 4, gramMax: 4, prefixWeight: 0.3 }, idf: 'claims', acronyms: false },
    ],
    ['shipped, IDF from claims only', { ...shipped, idf: 'claims' }],
    ['shipped, no acronyms', { ...shipped, acronyms: false }],
    ['shipped', shipped],
  ];
  log(
    '\n| system (library: all claims, no examples) | success@1 | success@5 | fold success@1 min–max | success@1 re-inflected | success@5 re-inflected |\n|---|---|---|---|---|---|',
  );
  for (const [label, s] of baselines) {
    const os = rank(ctx, s, all);
    const folds = Array.from({ length: K }, (_, k) => foldS1(os, k));
    const r = summarise(os);
    const ri = summarise(rank(ctx, s, all, { inflected: true }));
    log(
      `| ${label} | ${f(r.s1)} | ${f(r.s5)} | ${f(Math.min(...folds))}–${f(Math.max(...folds))} | ${f(ri.s1)} | ${f(ri.s5)} |`,
    );
  }
  libraryReport(ctx, shipped, fold, K, log);
  examplesReport(ctx, shipped, log);
  const os = rank(ctx, shipped, all);
  confidenceReport(ctx, shipped, os, fold, K, log);
  riskReport(os, log);
}

main().catch((err: unknown) => {
  process.stderr.write(`eval-nlp: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
