/**
 * Readers of the claim-matching datasets in ../shared/datasets (never copied
 * into the repository): CheckThat! 2022 Turkish train tweets (the fixed
 * background corpus) and TrClaim-19 (evaluation).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Default dataset folders, relative to the checkout. */
export const CHECKTHAT_DIR = '../shared/datasets/checkthat2022-tr';
export const TRCLAIM_DIR = '../shared/datasets/trclaim19';
export const CHECKTHAT_TRAIN = 'CT22_turkish_1A_checkworthy_train.tsv';
export const TRCLAIM_FILE = 'trclaim19_v1_1.tsv';

/** Tweet texts of the CheckThat! 2022 Turkish 1A train split; null when absent. */
export async function readBackgroundTweets(dir = CHECKTHAT_DIR): Promise<string[] | null> {
  const file = join(dir, CHECKTHAT_TRAIN);
  if (!existsSync(file)) return null;
  return (await readFile(file, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t')[3] ?? '')
    .filter((t) => t.trim());
}

const unquote = (s: string) =>
  s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;

/** TrClaim-19 as distinct claims (ids c0…) and distinct tweets with their relevant claim ids. */
export interface TrClaim {
  claims: { id: string; text: string }[];
  /** `paired`: every claim the tweet was judged against (relevant or not). */
  tweets: { text: string; relevant: string[]; paired: string[] }[];
}

/** Reads TrClaim-19; null when absent. */
export async function readTrClaim(dir = TRCLAIM_DIR): Promise<TrClaim | null> {
  const file = join(dir, TRCLAIM_FILE);
  if (!existsSync(file)) return null;
  const rows = (await readFile(file, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'))
    .map((c) => ({ tweet: unquote(c[0]!), claim: unquote(c[1]!), rel: Number(c[2]) }));
  const ids = new Map<string, string>();
  for (const r of rows) if (!ids.has(r.claim)) ids.set(r.claim, `c${ids.size}`);
  const tweets = new Map<string, { rel: Set<string>; paired: Set<string> }>();
  for (const r of rows) {
    const s = tweets.get(r.tweet) ?? { rel: new Set<string>(), paired: new Set<string>() };
    if (r.rel === 1) s.rel.add(ids.get(r.claim)!);
    s.paired.add(ids.get(r.claim)!);
    tweets.set(r.tweet, s);
  }
  return {
    claims: [...ids].map(([text, id]) => ({ id, text })),
    tweets: [...tweets].map(([text, s]) => ({ text, relevant: [...s.rel], paired: [...s.paired] })),
  };
}
