import { z } from 'zod';
import type { Normalised } from './normalise.js';
import { turkishStemmerNames } from './stem.js';

/** config/nlp/claims.json: claim-matching parameters (tuned on TrClaim-19, see NLP.md). */
export const claimMatchConfigSchema = z.object({
  /** Share of the score from stem cosine; the rest from character 4-gram cosine. */
  stemWeight: z.number().min(0).max(1).default(0.3),
  /** Matches below this score are not reported. */
  threshold: z.number().min(0).max(1).default(0.35),
  topK: z.number().int().min(1).max(50).default(5),
  gram: z.number().int().min(2).max(6).default(4),
  /**
   * Query n-grams found in more than this share of claims are skipped (they
   * add an almost uniform amount to every score and dominate the cost).
   */
  maxGramDf: z.number().min(0).max(1).default(0.05),
  /** Stemmer for the stem side (TrClaim-19: unstemmed words plus 4-grams ranked best). */
  stemmer: z.enum(turkishStemmerNames).default('none'),
});
export type ClaimMatchConfig = z.infer<typeof claimMatchConfigSchema>;

/** What the index needs of a claim, already normalised. */
export interface IndexedClaim {
  id: string;
  stems: string[];
  norm: Normalised;
}

/** Character n-grams over the content words (joined with spaces, padded). */
export function charGrams(norm: Normalised, n: number): string[] {
  let s = ' ';
  for (const t of norm.tokens)
    if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'number') s += `${t.text} `;
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

interface Postings {
  docs: Int32Array;
  weights: Float32Array;
  idf: number;
}

function buildSide(docs: string[][]) {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, c] of df) idf.set(t, Math.log(1 + n / c));
  const lists = new Map<string, { docs: number[]; weights: number[] }>();
  docs.forEach((d, di) => {
    const vec = weigh(d, idf);
    for (const [t, w] of vec) {
      const l = lists.get(t) ?? { docs: [], weights: [] };
      l.docs.push(di);
      l.weights.push(w);
      lists.set(t, l);
    }
  });
  const postings = new Map<string, Postings>();
  for (const [t, l] of lists) {
    postings.set(t, {
      docs: Int32Array.from(l.docs),
      weights: Float32Array.from(l.weights),
      idf: idf.get(t)!,
    });
  }
  return { postings, idf };
}

/** L2-normalised (1 + ln tf) * idf vector; terms without idf are dropped. */
function weigh(terms: string[], idf: Map<string, number>): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) if (idf.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
  let norm = 0;
  const vec = new Map<string, number>();
  for (const [t, c] of tf) {
    const w = (1 + Math.log(c)) * idf.get(t)!;
    vec.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of vec) vec.set(t, w / norm);
  return vec;
}

/**
 * Lexical claim index: cosine over TF-IDF stems plus cosine over character
 * n-grams (robust to unknown inflections and typos), mixed linearly.
 */
export function createClaimIndex(claims: IndexedClaim[], config: Partial<ClaimMatchConfig> = {}) {
  const cfg = claimMatchConfigSchema.parse(config);
  const ids = claims.map((c) => c.id);
  const stemSide = buildSide(claims.map((c) => c.stems));
  const gramSide = buildSide(claims.map((c) => charGrams(c.norm, cfg.gram)));
  const acc = new Float32Array(claims.length);
  const touched = new Int32Array(claims.length);
  const seen = new Uint8Array(claims.length);
  const maxGramDf = claims.length < 200 ? claims.length : Math.max(20, cfg.maxGramDf * claims.length);

  return {
    config: cfg,
    size: claims.length,
    /** Best matches above the threshold, best first. */
    match(norm: Normalised, stems: string[], opts: { threshold?: number; topK?: number } = {}) {
      const threshold = opts.threshold ?? cfg.threshold;
      const topK = opts.topK ?? cfg.topK;
      if (claims.length === 0) return [];
      let nt = 0;
      const add = (side: ReturnType<typeof buildSide>, terms: string[], scale: number, maxDf: number) => {
        if (scale === 0) return;
        for (const [t, qw] of weigh(terms, side.idf)) {
          const p = side.postings.get(t)!;
          if (p.docs.length > maxDf) continue;
          const w = qw * scale;
          for (let k = 0; k < p.docs.length; k++) {
            const d = p.docs[k]!;
            if (seen[d] === 0) {
              seen[d] = 1;
              touched[nt++] = d;
            }
            acc[d]! += w * p.weights[k]!;
          }
        }
      };
      add(stemSide, stems, cfg.stemWeight, claims.length);
      add(gramSide, charGrams(norm, cfg.gram), 1 - cfg.stemWeight, maxGramDf);
      const out: Array<{ claimId: string; score: number }> = [];
      for (let i = 0; i < nt; i++) {
        const d = touched[i]!;
        const s = acc[d]!;
        acc[d] = 0;
        seen[d] = 0;
        if (s >= threshold) out.push({ claimId: ids[d]!, score: Math.round(s * 1000) / 1000 });
      }
      out.sort((a, b) => b.score - a.score || a.claimId.localeCompare(b.claimId));
      return out.slice(0, topK);
    },
  };
}
export type ClaimIndex = ReturnType<typeof createClaimIndex>;
