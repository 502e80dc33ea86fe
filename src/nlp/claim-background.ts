import { z } from 'zod';
import { type ClaimFeatureSpec, claimFeatures, uniqueFeatures } from './claim-features.js';
import { normalise } from './normalise.js';

/**
 * config/nlp/claim-background.json: document frequencies of the hashed
 * claim-matching features over a fixed corpus of Turkish posts (never the
 * incoming stream), so inverse document frequencies do not drift with what
 * arrives. Hashes are stored sorted and delta-encoded; features seen in fewer
 * than `minDf` documents are left out (they count as unseen).
 */
export const claimBackgroundSchema = z.object({
  source: z.string(),
  docs: z.number().int().min(1),
  minDf: z.number().int().min(1),
  spec: z.object({
    prefix: z.number().int().min(0),
    gramMin: z.number().int().min(0),
    gramMax: z.number().int().min(0),
  }),
  /** Feature hashes, sorted, each stored as the difference to the previous one. */
  keys: z.array(z.number().int().min(0)),
  df: z.array(z.number().int().min(1)),
});
export type ClaimBackgroundFile = z.infer<typeof claimBackgroundSchema>;

/** Background statistics ready for use: document count and document frequency per feature hash. */
export interface ClaimBackground {
  docs: number;
  df: Map<number, number>;
  spec: ClaimFeatureSpec;
}

/** Counts feature document frequencies over a corpus of texts. */
export function buildBackground(texts: string[], spec: ClaimFeatureSpec): ClaimBackground {
  const df = new Map<number, number>();
  for (const t of texts)
    for (const f of uniqueFeatures(claimFeatures(normalise(t), spec))) df.set(f, (df.get(f) ?? 0) + 1);
  return { docs: texts.length, df, spec };
}

/** The file form (sorted, delta-encoded, rare features dropped). */
export function encodeBackground(bg: ClaimBackground, source: string, minDf = 2): ClaimBackgroundFile {
  const entries = [...bg.df].filter(([, c]) => c >= minDf).sort((a, b) => a[0] - b[0]);
  let prev = 0;
  const keys = entries.map(([k]) => {
    const d = k - prev;
    prev = k;
    return d;
  });
  return { source, docs: bg.docs, minDf, spec: bg.spec, keys, df: entries.map(([, c]) => c) };
}

/** Reads the file form back. */
export function decodeBackground(file: ClaimBackgroundFile): ClaimBackground {
  if (file.keys.length !== file.df.length) throw new Error('claim background: keys and df differ in length');
  const df = new Map<number, number>();
  let k = 0;
  file.keys.forEach((d, i) => {
    k += d;
    df.set(k, file.df[i]!);
  });
  return { docs: file.docs, df, spec: file.spec };
}

/** True when the background was counted with the same features the matcher uses. */
export function sameSpec(a: ClaimFeatureSpec, b: ClaimFeatureSpec): boolean {
  return a.prefix === b.prefix && a.gramMin === b.gramMin && a.gramMax === b.gramMax;
}
