/**
 * `npx tsx workers/cli/eval-lang.ts [--data DIR]`: language-identification accuracy per language on the
 * project's own multilingual sample (src/nlp/lang-sample.ts) and on the Turkish datasets (every tweet
 * counts as Turkish), for the detector and for the stop-word heuristic alone, plus the cost per item.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCheckThat, parseTrClaim } from '../../src/nlp/cw-datasets.js';
import { detectLanguage } from '../../src/nlp/lang.js';
import { accuracyByLanguage } from '../../src/nlp/lang-eval.js';
import { detectLanguageHeuristic } from '../../src/nlp/lang-heuristic.js';
import { langSample, langSampleHeldOut } from '../../src/nlp/lang-sample.js';
import { normalise } from '../../src/nlp/normalise.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/datasets' } } });
const log = (s: string) => process.stdout.write(`${s}\n`);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const detector = (t: string) => detectLanguage(normalise(t)).lang;
const heuristic = (t: string) => detectLanguageHeuristic(normalise(t)).lang;

const sets: Record<string, Record<string, string[]>> = {
  'project sample, held out (written after the rules were frozen)': langSampleHeldOut,
  'project sample, development (seen while writing the rules)': langSample,
};
const ct = join(values.data!, 'checkthat2022-tr');
const tr = join(values.data!, 'trclaim19', 'trclaim19_v1_1.tsv');
if (existsSync(ct) && existsSync(tr)) {
  const rows = [
    ...['train', 'dev', 'dev_test'].flatMap((s) =>
      parseCheckThat(readFileSync(join(ct, `CT22_turkish_1A_checkworthy_${s}.tsv`), 'utf8')),
    ),
    ...parseTrClaim(readFileSync(tr, 'utf8')),
  ];
  sets['CheckThat! 2022 + TrClaim-19 (all Turkish)'] = { tr: rows.map((r) => r.text) };
} else log(`Turkish datasets not found under ${values.data}: sample only`);

for (const [name, sample] of Object.entries(sets)) {
  const d = accuracyByLanguage(sample, detector);
  // The heuristic only knows tr / en / other: "other" counts as right for any other language.
  const h = accuracyByLanguage(sample, (t, expected) => {
    const g = heuristic(t);
    return g === 'other' && expected !== 'tr' && expected !== 'en' ? expected : g;
  });
  log(
    `\n## ${name}\n\n| language | texts | detector | heuristic alone (tr / en / other) |\n|---|---|---|---|`,
  );
  for (const [code, texts] of Object.entries(sample)) {
    log(`| ${code} | ${texts.length} | ${pct(d.perLanguage[code]!)} | ${pct(h.perLanguage[code]!)} |`);
  }
  log(`| all | ${Object.values(sample).flat().length} | ${pct(d.overall)} | ${pct(h.overall)} |`);
  if (d.confusions.length) log(`\nconfusions (detector): ${d.confusions.join(', ')}`);
}

const texts = Object.values(sets).flatMap((s) => Object.values(s).flat());
const norms = texts.map((t) => normalise(t));
const cpu = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / norms.length;
};
for (const n of norms.slice(0, 500)) detectLanguage(n);
const us = cpu(() => {
  for (const n of norms) detectLanguage(n);
});
const usH = cpu(() => {
  for (const n of norms) detectLanguageHeuristic(n);
});
log(
  `\ncost per item (CPU, after normalise): detector ${us.toFixed(1)} µs, heuristic alone ${usH.toFixed(1)} µs`,
);
