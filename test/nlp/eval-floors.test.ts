import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runNameEval, runRealNameEval } from '../../workers/cli/eval-names.js';
import { runPatternEval } from '../../workers/cli/eval-patterns.js';
import { runRiskEval } from '../../workers/cli/eval-risk.js';

/**
 * The recorded NLP figures (NLP.md) at reduced scale: fails when one drops below
 * its floor in config/nlp/eval/floors.json. Pattern precision needs the
 * CheckThat! files in ../shared/datasets and is skipped without them.
 */
const floors = JSON.parse(await readFile('config/nlp/eval/floors.json', 'utf8')) as {
  patternPrecision: Record<string, number>;
  names: { recall: number; maxFalseRedaction: number; maxOrdinaryFalse: number; realPrecision: number };
  risk: {
    ap: number;
    minFlagPrecision: number;
    maxFlagRate: number;
    minDebunkedRepeatsFlagged: number;
    maxOtherTweetsFlagged: number;
  };
};
const data = process.env.CHECKTHAT_DIR ?? '../shared/datasets/checkthat2022-tr';
const haveData = existsSync(`${data}/CT22_turkish_1A_checkworthy_train.tsv`);
if (!haveData) console.warn(`eval-floors: ${data} not found, pattern precision floors skipped`);

describe('recorded NLP figures', () => {
  it.skipIf(!haveData)('pattern families keep their precision on the labelled tweets', async () => {
    const r = (await runPatternEval({ data, labels: 'config/nlp/eval/pattern-labels.tsv' }))!;
    expect(r.missing).toBe(0);
    // A rule change that fires on a labelled tweet without a label needs a judgement first.
    expect(r.unlabelled, 'label these (tweet id, family) pairs in pattern-labels.tsv').toEqual([]);
    for (const row of r.rows.filter((x) => x.split === 'all')) {
      const floor = floors.patternPrecision[row.family];
      expect(floor, `no floor recorded for ${row.family}`).toBeDefined();
      expect(row.precision!, `${row.family} precision`).toBeGreaterThanOrEqual(floor!);
    }
  });

  it.skipIf(!haveData)('name detection keeps its precision on the labelled real tweets', async () => {
    const r = (await runRealNameEval({ data, labels: 'config/nlp/eval/name-labels.tsv' }))!;
    for (const [split, x] of r.splits)
      expect(x.correct / x.found, `${split} precision`).toBeGreaterThanOrEqual(floors.names.realPrecision);
  });

  it.skipIf(!haveData)('risk ranks harmful tweets and flags precisely (risk.json as shipped)', async () => {
    const trclaim = process.env.TRCLAIM_DIR ?? '../shared/datasets/trclaim19';
    const r = (await runRiskEval({ data, trclaim }))!;
    expect(r.ap, 'AP for harmful').toBeGreaterThanOrEqual(floors.risk.ap);
    expect(r.ap, 'risk ranks better than check-worthiness alone').toBeGreaterThan(r.apCheckWorthiness);
    expect(r.flag.p, 'flag precision').toBeGreaterThanOrEqual(floors.risk.minFlagPrecision);
    expect(r.flag.rate, 'share flagged').toBeLessThanOrEqual(floors.risk.maxFlagRate);
    expect(r.flag.rate, 'the flag fires at all').toBeGreaterThan(0);
    if (r.trFlagged) {
      expect(r.trFlagged.makesClaim).toBeGreaterThanOrEqual(floors.risk.minDebunkedRepeatsFlagged);
      expect(r.trFlagged.makesNone).toBeLessThanOrEqual(floors.risk.maxOtherTweetsFlagged);
    }
  });

  it('name redaction keeps its recall and false-redaction rate on generated applications', async () => {
    const r = await runNameEval({ perGroup: 50, seed: 11 });
    expect(r.recall).toBeGreaterThanOrEqual(floors.names.recall);
    expect(r.falseRedaction).toBeLessThanOrEqual(floors.names.maxFalseRedaction);
    expect(r.ordinaryFalse).toBeLessThanOrEqual(floors.names.maxOrdinaryFalse);
  });
});
