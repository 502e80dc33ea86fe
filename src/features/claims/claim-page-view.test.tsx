import { describe, expect, it } from 'vitest';
import { fillDays } from './claim-page-view.js';

const row = (day: string, n: number) => ({ day, n, confirmed: n, automatic: 0, suggested: 0 });

describe('fillDays (the claim page day chart)', () => {
  it('fills every day from the first appearance to the last with empty rows', () => {
    const out = fillDays([row('2026-11-28', 3), row('2026-12-01', 1)]);
    expect(out.map((d) => [d.day, d.n])).toEqual([
      ['2026-11-28', 3],
      ['2026-11-29', 0],
      ['2026-11-30', 0],
      ['2026-12-01', 1],
    ]);
    expect(out[1]).toEqual({ day: '2026-11-29', n: 0, confirmed: 0, automatic: 0, suggested: 0 });
  });

  it('keeps at most the last 90 days, and nothing for no appearances', () => {
    const out = fillDays([row('2026-01-01', 5), row('2026-12-01', 2)]);
    expect(out).toHaveLength(90);
    expect(out.at(-1)).toEqual(row('2026-12-01', 2));
    expect(out[0]!.day).toBe('2026-09-03');
    expect(fillDays([])).toEqual([]);
    expect(fillDays([row('2026-12-01', 1)])).toEqual([row('2026-12-01', 1)]);
  });
});
