/**
 * Parsers for the check-worthiness datasets (file contents in, rows out; no I/O here)
 * and the fixed held-out split of TrClaim-19.
 */
import { fnv1a } from './minhash.js';

/** A labelled example: text, 0/1 label and the group it must stay with when splitting. */
export interface Example {
  text: string;
  label: number;
  group: string;
}

/** CheckThat! 2022 task 1 TSV: `topic, tweet_id, tweet_url, tweet_text, class_label`. */
export function parseCheckThat(raw: string): Example[] {
  return raw
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.split('\t');
      return { text: cols[3] ?? '', label: Number(cols[4]) === 1 ? 1 : 0, group: cols[1] ?? '' };
    });
}

/**
 * TrClaim-19 v1.1 TSV: `tweet, claim, relevance_judgment, check_worthiness, graded_check_wortiness`.
 * One row per distinct tweet (a tweet judged against two claims is check-worthy if either row says
 * so); its group is its first claim, so paraphrases of one claim never straddle a split.
 */
export function parseTrClaim(raw: string): Example[] {
  const byText = new Map<string, Example>();
  for (const line of raw.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [text = '', claim = '', , cw] = line.split('\t');
    const label = Number(cw) === 1 ? 1 : 0;
    const seen = byText.get(text);
    if (seen) seen.label = Math.max(seen.label, label);
    else byText.set(text, { text, label, group: claim });
  }
  return [...byText.values()];
}

/** The held-out part of TrClaim-19: tweets whose claim hashes into fifth 0 (≈20 %, by claim). */
export function isTrClaimHeldOut(e: Example): boolean {
  return fnv1a(e.group) % 5 === 0;
}
