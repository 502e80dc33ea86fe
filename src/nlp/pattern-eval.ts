/** One human judgement: did `family` fire correctly on this tweet? */
export interface PatternLabel {
  tweetId: string;
  family: string;
  correct: boolean;
  /** `tune`: looked at while changing rules; `held`: not looked at while tuning. */
  split: 'tune' | 'held';
}

/** Precision of one family on one split. */
export interface FamilyPrecision {
  family: string;
  split: 'tune' | 'held' | 'all';
  correct: number;
  fired: number;
  precision: number | null;
}

/** Parses config/nlp/eval/pattern-labels.tsv (`tweet_id family correct split`, header row). */
export function parseLabels(tsv: string): PatternLabel[] {
  return tsv
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l, i) => {
      const [tweetId, family, correct, split] = l.split('\t');
      if (
        !tweetId ||
        !family ||
        (correct !== '0' && correct !== '1') ||
        (split !== 'tune' && split !== 'held')
      )
        throw new Error(`pattern labels line ${i + 2}: expected "tweet_id family 0|1 tune|held"`);
      return { tweetId, family, correct: correct === '1', split };
    });
}

/**
 * Per-family precision of the families that fired on the labelled tweets.
 * `fired` maps a tweet id to the families the tagger emitted for it; pairs
 * without a label are returned in `unlabelled` (they need a judgement).
 */
export function measurePrecision(
  fired: ReadonlyMap<string, readonly string[]>,
  labels: readonly PatternLabel[],
): { rows: FamilyPrecision[]; unlabelled: Array<{ tweetId: string; family: string }> } {
  const byKey = new Map(labels.map((l) => [`${l.tweetId}\t${l.family}`, l]));
  const split = new Map(labels.map((l) => [l.tweetId, l.split]));
  const acc = new Map<string, { correct: number; fired: number }>();
  const unlabelled: Array<{ tweetId: string; family: string }> = [];
  const bump = (key: string, ok: boolean) => {
    const a = acc.get(key) ?? { correct: 0, fired: 0 };
    a.fired++;
    if (ok) a.correct++;
    acc.set(key, a);
  };
  for (const [tweetId, families] of fired) {
    for (const family of families) {
      const l = byKey.get(`${tweetId}\t${family}`);
      if (!l) {
        unlabelled.push({ tweetId, family });
        continue;
      }
      bump(`${family}\t${split.get(tweetId)}`, l.correct);
      bump(`${family}\tall`, l.correct);
    }
  }
  const rows = [...acc.entries()]
    .map(([key, a]) => {
      const [family, s] = key.split('\t') as [string, FamilyPrecision['split']];
      return { family, split: s, ...a, precision: a.fired ? a.correct / a.fired : null };
    })
    .sort((a, b) => a.family.localeCompare(b.family) || a.split.localeCompare(b.split));
  return { rows, unlabelled };
}
