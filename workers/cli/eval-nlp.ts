/**
 * `npx tsx workers/cli/eval-nlp.ts [--data DIR]`: claim matching on TrClaim-19
 * (success@1, success@5, false matches) for each Turkish stemmer and a grid of
 * stem/char-gram mixes; parameters are tuned on even rows and reported on odd rows.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createClaimIndex } from '../../src/nlp/claims.js';
import { normalise } from '../../src/nlp/normalise.js';
import { cached, type TurkishStemmerName } from '../../src/nlp/stem.js';
import { turkishStemmer } from '../../src/nlp/stemmers.js';
import { contentStems } from '../../src/nlp/text-features.js';

const unquote = (s: string) =>
  s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string', default: '../shared/datasets/trclaim19' } },
  });
  const file = `${values.data}/trclaim19_v1_1.tsv`;
  if (!existsSync(file)) {
    process.stderr.write(`eval-nlp: ${file} not found (pass --data DIR)\n`);
    process.exit(1);
  }
  const rows = (await readFile(file, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'))
    .map((c) => ({ tweet: unquote(c[0]!), claim: unquote(c[1]!), rel: Number(c[2]) }));
  const claimIds = new Map<string, string>();
  for (const r of rows) if (!claimIds.has(r.claim)) claimIds.set(r.claim, `c${claimIds.size}`);
  const tweets = new Map<string, Set<string>>();
  for (const r of rows) {
    const s = tweets.get(r.tweet) ?? new Set<string>();
    if (r.rel === 1) s.add(claimIds.get(r.claim)!);
    tweets.set(r.tweet, s);
  }
  const list = [...tweets.entries()].map(([text, rel], i) => ({ text, rel, half: i % 2 }));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log(
    `${claimIds.size} claims, ${list.length} tweets (${list.filter((t) => t.rel.size).length} with a relevant claim)`,
  );

  const evalSet = (stemmer: TurkishStemmerName, stemWeight: number, gram: number, maxGramDf = 0.05) => {
    const stem = cached(turkishStemmer(stemmer));
    const index = createClaimIndex(
      [...claimIds.entries()].map(([text, id]) => {
        const norm = normalise(text);
        return { id, norm, stems: contentStems(norm, stem) };
      }),
      { stemWeight, gram, threshold: 0, topK: 5, maxGramDf },
    );
    return list.map((t) => {
      const norm = normalise(t.text);
      const m = index.match(norm, contentStems(norm, stem));
      const rank = m.findIndex((x) => t.rel.has(x.claimId));
      return { half: t.half, relevant: t.rel.size > 0, rank, top: m[0]?.score ?? 0 };
    });
  };
  type R = ReturnType<typeof evalSet>[number];
  const summarise = (rs: R[], threshold: number) => {
    const pos = rs.filter((r) => r.relevant);
    const neg = rs.filter((r) => !r.relevant);
    const s1 = pos.filter((r) => r.rank === 0 && r.top >= threshold).length / pos.length;
    const s5 = pos.filter((r) => r.rank >= 0 && r.rank < 5 && r.top >= threshold).length / pos.length;
    const fm = neg.filter((r) => r.top >= threshold).length / neg.length;
    return { s1, s5, fm, n: pos.length, nNeg: neg.length };
  };
  const f = (x: number) => x.toFixed(3);
  log('\n| stemmer | stem weight | n-gram | success@1 | success@5 (tune half) |\n|---|---|---|---|---|');
  let best = { key: '', s1: -1, stemmer: 'light' as TurkishStemmerName, w: 0.5, g: 4 };
  const maxDf = Number(process.env.MAX_GRAM_DF ?? 0.05);
  for (const stemmer of ['none', 'f5', 'light', 'snowball'] as TurkishStemmerName[]) {
    for (const [w, g] of [
      [1, 4],
      [0, 4],
      [0.5, 4],
      [0.5, 3],
      [0.5, 5],
      [0.7, 4],
      [0.3, 4],
    ] as const) {
      const rs = evalSet(stemmer, w, g, maxDf).filter((r) => r.half === 0);
      const s = summarise(rs, 0);
      log(`| ${stemmer} | ${w} | ${g} | ${f(s.s1)} | ${f(s.s5)} |`);
      if (s.s1 > best.s1) best = { key: `${stemmer}/${w}/${g}`, s1: s.s1, stemmer, w, g };
    }
  }
  log(`\nchosen on tune half: ${best.key}`);
  const all = evalSet(best.stemmer, best.w, best.g, maxDf);
  const tune = all.filter((r) => r.half === 0);
  const test = all.filter((r) => r.half === 1);
  log(
    '\n| threshold | success@1 | success@5 | false matches (tweets without a relevant claim) | (held-out half) |\n|---|---|---|---|---|',
  );
  for (const th of [0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
    const s = summarise(test, th);
    const t = summarise(tune, th);
    log(
      `| ${th} | ${f(s.s1)} | ${f(s.s5)} | ${f(s.fm)} (${Math.round(s.fm * s.nNeg)}/${s.nNeg}) | tune: s@1 ${f(t.s1)}, fm ${f(t.fm)} |`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`eval-nlp: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
