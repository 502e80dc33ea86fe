import { describe, expect, it } from 'vitest';
import {
  type CheckWorthinessModel,
  checkWorthinessModelSchema,
  createCheckWorthiness,
} from './checkworthiness.js';
import { parseCheckThat, parseTrClaim } from './cw-datasets.js';
import { normalise } from './normalise.js';
import { featurize, fitScorer, outOfFold, toModelFile } from './train-checkworthiness.js';

// Our own toy sentences: claims with figures are positive, chit-chat negative.
const rows = [
  ['Bakanlık 500 bin doz aşının bozulduğunu açıkladı', 1],
  ['Valilik yüzde 40 artış olduğunu duyurdu', 1],
  ['Hastanede 300 yatak boşaltıldığı iddia edildi', 1],
  ['Belediye 2 bin ton yardımın dağıtıldığını açıkladı', 1],
  ['Günaydın herkese, güzel bir gün olsun', 0],
  ['Bu akşam maç izleyen var mı', 0],
  ['Çok yoruldum, biraz uyuyacağım', 0],
  ['Kahve içmeye gidelim mi', 0],
].map(([text, label], i) => ({ text: text as string, label: label as number, group: String(i) }));
const spec = { turkishWords: true, foldedWords: true, bigrams: true, prefix: 5, charMin: 0, charMax: 0 };

function toyModel(): CheckWorthinessModel {
  const X = featurize(rows, spec);
  const scorer = fitScorer(
    X,
    rows.map((r) => r.label),
    { encoding: 'tfidf', minDf: 1, l2: 1e-2 },
  );
  return toModelFile(scorer, { spec, calibration: { a: 1, b: 0 }, threshold: 0.5, trainedOn: 'toy' });
}

describe('check-worthiness model', () => {
  it('writes a model file the schema accepts and the runtime scores the same as training', () => {
    const X = featurize(rows, spec);
    const scorer = fitScorer(
      X,
      rows.map((r) => r.label),
      { encoding: 'tfidf', minDf: 1, l2: 1e-2 },
    );
    const file = checkWorthinessModelSchema.parse(JSON.parse(JSON.stringify(toyModel())));
    const cw = createCheckWorthiness(file);
    rows.forEach((r, i) => {
      const expected = 1 / (1 + Math.exp(-scorer.logit(X[i]!)));
      expect(cw.score(normalise(r.text), [])).toBeCloseTo(expected, 2);
    });
  });
  it('gives calibrated scores in 0-1 that rank unseen claims above chit-chat', () => {
    const cw = createCheckWorthiness(toyModel());
    const claim = cw.score(normalise('Bakanlık 200 bin kişinin aşı olduğunu açıkladı'), []);
    const chat = cw.score(normalise('Günaydın, bu akşam kahve içelim mi'), []);
    for (const s of [claim, chat]) expect(s >= 0 && s <= 1).toBe(true);
    expect(claim).toBeGreaterThan(chat);
  });
  it('scores out of fold so every row is predicted by a model that never saw it', () => {
    const X = featurize(rows, spec);
    const oof = outOfFold(X, rows, { encoding: 'tfidf', minDf: 1, l2: 1e-2 }, 4);
    expect(oof).toHaveLength(rows.length);
    expect(oof.every(Number.isFinite)).toBe(true);
  });
  it('falls back to a small heuristic without a model', () => {
    const cw = createCheckWorthiness(null);
    expect(cw.score(normalise('merhaba'), [])).toBe(0.1);
    expect(cw.score(normalise('500 kişi'), [])).toBeGreaterThan(0.1);
  });
});

describe('dataset parsers', () => {
  it('read CheckThat! columns and merge TrClaim-19 rows of one tweet', () => {
    const ct = parseCheckThat('topic\ttweet_id\ttweet_url\ttweet_text\tclass_label\nX\t7\tu\tmetin\t1\n');
    expect(ct).toEqual([{ text: 'metin', label: 1, group: '7' }]);
    const tr = parseTrClaim('h\nt1\tc1\t1\t0\t0\nt1\tc2\t0\t1\t2\nt2\tc1\t1\t0\t0\n');
    expect(tr).toEqual([
      { text: 't1', label: 1, group: 'c1' },
      { text: 't2', label: 0, group: 'c1' },
    ]);
  });
});
