import { describe, expect, it } from 'vitest';
import { measurePrecision, parseLabels } from './pattern-eval.js';

const tsv = 'tweet_id\tfamily\tcorrect\tsplit\n1\tscam\t1\ttune\n1\turgency\t0\ttune\n2\tscam\t0\theld\n';

describe('pattern precision', () => {
  it('parses labels and rejects malformed lines', () => {
    expect(parseLabels(tsv)).toHaveLength(3);
    expect(() => parseLabels('h\n1\tscam\tyes\ttune')).toThrow(/line 2/);
  });

  it('counts correct and fired per family and split, and lists unlabelled pairs', () => {
    const fired = new Map([
      ['1', ['scam', 'urgency']],
      ['2', ['scam', 'election']],
    ]);
    const { rows, unlabelled } = measurePrecision(fired, parseLabels(tsv));
    const scamAll = rows.find((r) => r.family === 'scam' && r.split === 'all')!;
    expect(scamAll).toMatchObject({ correct: 1, fired: 2, precision: 0.5 });
    expect(rows.find((r) => r.family === 'urgency' && r.split === 'tune')?.precision).toBe(0);
    expect(unlabelled).toEqual([{ tweetId: '2', family: 'election' }]);
  });
});
